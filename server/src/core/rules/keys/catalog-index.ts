// The catalog facts the key checks look up on every keystroke, computed once at module load:
// how xl reads each key (which libxlutil getter, with or without its warnings), the fatal
// follow-ups xl prints after a refused read, and matchers for xl's message templates.

import { KEY_ENTRIES } from '../../catalog';
import type { KeyEntry } from '../../catalog/types';

/**
 * How xl reads a key:
 * - `long`, `string`, `list`: one libxlutil getter that prints its warning and then ignores the key;
 * - `long-quiet`, `string-quiet`, `list-quiet`: the same getter with warnings suppressed;
 * - `long-or-string`: a number first (quietly), else a name (tsc_mode, timer_mode, altp2m, gfx_passthru);
 * - `string-or-list`: a list first (quietly), else one string (cpus, cpuid, serial, bootloader_args, ...);
 * - `list-or-bool`: a list first, else a boolean (viridian).
 */
export type ReadKind =
  | 'long'
  | 'string'
  | 'list'
  | 'long-quiet'
  | 'string-quiet'
  | 'list-quiet'
  | 'long-or-string'
  | 'string-or-list'
  | 'list-or-bool';

function readKindOf(e: KeyEntry): ReadKind {
  const r = e.xlReadAs;
  if (/^bounded long/.test(r) || /^long \(warnings suppressed\)$/.test(r)) return 'long-quiet';
  if (/^long \(warnings suppressed\), else string/.test(r)) return 'long-or-string';
  if (/^(defbool|long)/.test(r)) return 'long';
  if (/^string \(warnings suppressed\)/.test(r)) return 'string-quiet';
  if (/^(string )?list \(warnings suppressed\), else string/.test(r)) return 'string-or-list';
  if (/^list \(warnings suppressed\), else defbool/.test(r)) return 'list-or-bool';
  if (/^list \(warnings suppressed\)$/.test(r)) return 'list-quiet';
  if (/^(string )?list$/.test(r)) return 'list';
  return 'string';
}

export interface KeyFacts {
  entry: KeyEntry;
  read: ReadKind;
  /** xl exits after refusing the read of this key (e.g. `name` given as a list): xl's message. */
  fatalWhenScalar?: string;
  fatalWhenList?: string;
  /** Any invalid number makes xl exit without a word (max_grant_frames and friends). */
  fatalWhenInvalidNumber?: boolean;
}

const FACTS = new Map<string, KeyFacts>();
for (const e of KEY_ENTRIES) {
  const f: KeyFacts = { entry: e, read: readKindOf(e) };
  for (const m of e.xlMessages) {
    if (!m.fatal) continue;
    if (/unreachable/.test(m.trigger)) continue;
    if (/any invalid value/.test(m.trigger)) f.fatalWhenInvalidNumber = true;
    else if (/value is not a list/.test(m.trigger)) f.fatalWhenScalar = m.message;
    else if (/given as a list/.test(m.trigger)) f.fatalWhenList = m.message;
  }
  FACTS.set(e.name, f);
}

/** The facts of a key whatever the release, or undefined for a key xl never reads. */
export function factsOf(name: string): KeyFacts | undefined {
  return FACTS.get(name);
}

interface Template {
  key: string;
  fatal: boolean;
  trigger: string;
  re: RegExp;
}

// printf templates of xl's messages as anchored patterns, to tell which key a message that the
// model recorded without a key is about.
const TEMPLATES: Template[] = [];
for (const e of KEY_ENTRIES) {
  for (const m of e.xlMessages) {
    if (m.message.startsWith('(no message)')) continue;
    const first = m.message.split('\n')[0];
    const pattern = first
      .split(/%(?:l?[dsuxi]|lx|lu|ld)/)
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*?');
    TEMPLATES.push({ key: e.name, fatal: m.fatal, trigger: m.trigger, re: new RegExp(`^${pattern}`) });
  }
}

const LINE_PREFIX = /^[^:\s]+:\d+: /;

/** The catalog message a printed line comes from (key, trigger), if any. */
export function templateOf(text: string, key?: string): { key: string; trigger: string; fatal: boolean } | undefined {
  const body = text.replace(LINE_PREFIX, '');
  for (const t of TEMPLATES) {
    if (key && t.key !== key) continue;
    if (t.re.test(body)) return t;
  }
  return undefined;
}
