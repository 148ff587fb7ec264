// Shared by the spec tests: fixture locations, JSON with bigint values, and the
// XLCFG_UPDATE=1 flag that rewrites expectation files instead of comparing with them.

import * as fs from 'fs';
import * as path from 'path';
import { fixturesDir, sharedDir } from '../../fuzz/support/paths';

export { sharedDir };

export const UPDATE = process.env.XLCFG_UPDATE === '1';

export function specFixture(...parts: string[]): string {
  return fixturesDir('specs', ...parts);
}

/** JSON text with bigints written as decimal strings and `undefined` fields left out. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 1) + '\n';
}

/** A value as it would read back from toJson (so comparisons ignore bigint/undefined). */
export function plain<T>(value: T): unknown {
  return JSON.parse(toJson(value));
}

export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export function listFixtures(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join(dir, f));
}
