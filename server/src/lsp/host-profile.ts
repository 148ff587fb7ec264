// Host profiles (xen-host.json): which file applies to a config, reading it, reporting its
// problems on the profile file itself, and noticing when it changes on disk.
// The core never touches the file system; it receives the parsed profile in AnalysisOptions.

import * as fs from 'fs';
import * as path from 'path';
import { parseHostProfile } from '../core/host-profile';
import type { Logger } from './guard';
import { describeError } from './guard';

export const DEFAULT_PROFILE_NAME = 'xen-host.json';

export interface ProfileProblem {
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface LoadedProfile {
  path: string;
  text: string;
  /** The parsed profile to hand to analyze(); undefined when the file could not be used. */
  profile: unknown;
  problems: ProfileProblem[];
}

/**
 * Parses and validates the profile with the core's schema (core/host-profile). Xen never reads
 * this file; a profile with any error is not used, so each message says what that costs.
 */
export function parseProfileText(text: string): { profile: unknown; problems: ProfileProblem[] } {
  const result = parseHostProfile(text);
  return {
    profile: result.errors.length === 0 ? result.profile : undefined,
    problems: result.errors.map((e) => ({
      start: e.start,
      end: Math.max(e.end, e.start),
      severity: 'error',
      message: `${capitalize(e.message)}. Until this host profile is fixed, xlcfg ignores it and checks the configs that use it without host facts (passthrough BAR sizes, host RMRRs).`,
    })),
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Where the profile for a config comes from: the setting, else beside the config, else the workspace root. */
export function profileCandidates(configPath: string | undefined, workspaceRoot: string | undefined, setting: string): { paths: string[]; explicit: boolean } {
  if (setting) {
    const base = workspaceRoot ?? (configPath ? path.dirname(configPath) : process.cwd());
    return { paths: [path.resolve(base, expandHome(setting))], explicit: true };
  }
  const paths: string[] = [];
  if (configPath) paths.push(path.join(path.dirname(configPath), DEFAULT_PROFILE_NAME));
  if (workspaceRoot) {
    const atRoot = path.join(workspaceRoot, DEFAULT_PROFILE_NAME);
    if (!paths.includes(atRoot)) paths.push(atRoot);
  }
  return { paths, explicit: false };
}

function expandHome(p: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(process.env.HOME ?? '', p.slice(1));
  return p;
}

/**
 * Caches profile files by path and watches the folders they live in (folders, because a
 * profile that does not exist yet may be created later, and editors replace files on save).
 */
export class HostProfileStore {
  private readonly cache = new Map<string, LoadedProfile | null>();
  /** Watched folders; null for a folder that could not be watched (not retried on every edit). */
  private readonly watchers = new Map<string, fs.FSWatcher | null>();

  constructor(
    private readonly log: Logger,
    /** Called with the path of a profile file that changed, appeared or disappeared. */
    private readonly onChange: (profilePath: string) => void,
  ) {}

  /** The first candidate that exists, loaded (cached); watches every candidate's folder. */
  find(candidates: readonly string[]): LoadedProfile | undefined {
    for (const p of candidates) this.watchFolderOf(p);
    for (const p of candidates) {
      const loaded = this.load(p);
      if (loaded) return loaded;
    }
    return undefined;
  }

  /** Reads a profile (cached until it changes); null when the file does not exist. */
  load(profilePath: string): LoadedProfile | null {
    if (this.cache.has(profilePath)) return this.cache.get(profilePath) ?? null;
    let result: LoadedProfile | null = null;
    try {
      const text = fs.readFileSync(profilePath, 'utf8');
      result = { path: profilePath, text, ...parseProfileText(text) };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.log.warn(`xlcfg: cannot read host profile ${profilePath}: ${describeError(e)}`);
    }
    this.cache.set(profilePath, result);
    return result;
  }

  /** Forgets a cached file (the client reported a change). Returns true when it was in use. */
  invalidate(profilePath: string): boolean {
    return this.cache.delete(profilePath);
  }

  /** Paths of every profile currently loaded (for publishing their problems). */
  loaded(): LoadedProfile[] {
    return [...this.cache.values()].filter((p): p is LoadedProfile => p !== null);
  }

  private watchFolderOf(profilePath: string): void {
    const dir = path.dirname(profilePath);
    if (this.watchers.has(dir)) return;
    try {
      const watcher = fs.watch(dir, { persistent: false }, (_event, filename) => {
        const changed = filename ? path.join(dir, filename.toString()) : undefined;
        for (const known of [...this.cache.keys()]) {
          if (path.dirname(known) !== dir || (changed && changed !== known)) continue;
          this.cache.delete(known);
          this.onChange(known);
        }
      });
      watcher.on('error', () => {
        watcher.close();
        this.watchers.delete(dir);
      });
      this.watchers.set(dir, watcher);
    } catch {
      // The folder does not exist (yet); the client's file watcher still reports xen-host.json.
      this.watchers.set(dir, null);
    }
  }

  dispose(): void {
    for (const w of this.watchers.values()) w?.close();
    this.watchers.clear();
    this.cache.clear();
  }
}
