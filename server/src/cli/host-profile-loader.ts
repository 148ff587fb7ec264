// Reads a host profile file for the CLI. The schema and its validation live in the core
// (server/src/core/host-profile); this only does the file access.

import * as hostProfile from '../core/host-profile';
import type { CliIO } from './command';

export function loadHostProfile(
  path: string,
  io: CliIO,
): { profile: unknown; xenVersion?: string; notes: string[] } | { error: string } {
  let text: string;
  try {
    text = new TextDecoder().decode(io.readFile(path));
  } catch (e) {
    return { error: `cannot read host profile ${path}: ${(e as Error).message}` };
  }
  const r = hostProfile.parseHostProfile(text);
  const notes = r.errors.map((e: { message: string }) => `${path}: ${e.message}`);
  if (!r.profile) return { error: `host profile ${path} is not usable: ${notes.join('; ')}` };
  return { profile: r.profile, xenVersion: r.profile.xenVersion, notes };
}
