// Shared shapes of the spec-string parsers (disk, pci, vif, ...). Every offset here is an
// index into the dequoted string value, not into the document: the rules in
// rules/specs map them to document offsets with the string's source map.

import type { Severity } from '../findings';
import type { XenVersion } from '../xen-version';

/** A parsed piece of a spec with the range of the text it came from (within the string). */
export interface SpecField<T> {
  value: T;
  start: number;
  end: number;
}

/** How xl reacts to a problem, so rules can say what will happen at run time. */
export type XlReaction =
  /** xl prints a message and exits: the domain is not created. */
  | 'fatal'
  /** xl (or libxl) prints a message and goes on; the value may be partly ignored. */
  | 'warning'
  /** xl says nothing, but the value does not do what it looks like it does. */
  | 'silent'
  /** xl crashes (segmentation fault) on this value. */
  | 'crash'
  /** Nothing goes wrong; the problem is advice (deprecated form, redundant part). */
  | 'none';

export interface SpecProblem {
  /** Range within the string value. */
  start: number;
  end: number;
  /** Our explanation: what happens at run time, on which releases, and what to do. */
  message: string;
  severity: Severity;
  /** Stable slug, e.g. `pci-bdf-device-range`. */
  code: string;
  /** What xl prints for it, when it prints something. */
  xenMessage?: string;
  reaction: XlReaction;
  /** xl's exit status, for fatal problems. */
  exitStatus?: number;
  /** A replacement for [start, end) that fixes the problem, when one is obvious. */
  replacement?: { title: string; newText: string; start: number; end: number };
}

export interface SpecParseResult<S> {
  spec: S;
  problems: SpecProblem[];
}

export interface SpecParseOptions {
  /** The release whose xl/libxlutil behaviour to model; the newest when absent. */
  xenVersion?: XenVersion;
}

export function field<T>(value: T, start: number, end: number): SpecField<T> {
  return { value, start, end };
}
