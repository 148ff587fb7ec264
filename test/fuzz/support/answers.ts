// The parts of a parse that we hold against Xen's, in one plain shape for both sides:
// what Xen's libxlutil reported (recorded fixtures or a live xlcfg-oracle run) and what our
// parseConfig returns. Values are plain strings and nested arrays, decoded from the file's
// bytes as UTF-8.

import type { ParsedConfig } from '../../../server/src/core/syntax/parse';
import type { Setting, Value } from '../../../server/src/core/syntax/tree';

export type PlainValue = string | PlainValue[];

export interface PlainSetting {
  name: string;
  op: '=' | '+=';
  line: number;
  value: PlainValue;
  /** For `+=`: the value after concatenation (absent: the same as `value`). */
  accumulated?: PlainValue;
}

export interface PlainError {
  /** The line Xen prints (with its off-by-one at newline tokens). */
  line: number;
  /** Xen's text after `SOURCE:LINE: `, e.g. "config parsing error near `-1': lexical error". */
  message: string;
}

/** What Xen's parser said about one input, reduced to what we compare. */
export interface XenAnswer {
  ok: boolean;
  /** libxlutil aborted (an assertion on a NUL byte inside a quoted string). */
  crashed: boolean;
  /** The parser's error lines, in order (the Python warning lines excluded). */
  errors: PlainError[];
  /** Xen appended the three "looks like Python" warning lines. */
  pythonWarning: boolean;
  /** The settings libxlutil stored, in file order. */
  settings: PlainSetting[];
  /** For each name, what a lookup returns (only when ok). */
  effective: Record<string, PlainValue> | null;
}

/** Our parser's answer in the same shape, plus the errors Xen would not print. */
export interface OurAnswer extends XenAnswer {
  /** Every error we report, with Xen's line and Xen's message when Xen prints one. */
  allErrors: Array<{ line: number; message?: string; ours: string }>;
}

export function plainValue(v: Value): PlainValue {
  return v.kind === 'string' ? v.value : v.items.map(plainValue);
}

/**
 * What lookup by name returns: the last stored setting, with `+=` applied. The line is the
 * line of that last setting.
 */
export function effectiveOf(settings: readonly Setting[]): Map<string, { line: number; value: PlainValue }> {
  const out = new Map<string, { line: number; value: PlainValue }>();
  for (const s of settings) {
    if (!s.stored) continue;
    out.set(s.name, { line: s.line, value: plainValue(s.accumulated ?? s.value) });
  }
  return out;
}

export function ourAnswer(parsed: ParsedConfig): OurAnswer {
  const stored = parsed.settings.filter((s) => s.stored);
  const eff = effectiveOf(parsed.settings);
  const xenErrors = parsed.errors.filter((e) => e.xenMessage !== undefined);
  return {
    ok: parsed.ok,
    crashed: parsed.crashes,
    errors: xenErrors.map((e) => ({ line: e.xenLine, message: e.xenMessage as string })),
    pythonWarning: parsed.looksLikePython,
    settings: stored.map((s) => ({
      name: s.name,
      op: s.op,
      line: s.line,
      value: plainValue(s.value),
      ...(s.accumulated ? { accumulated: plainValue(s.accumulated) } : {}),
    })),
    effective: parsed.ok ? Object.fromEntries([...eff].map(([k, v]) => [k, v.value])) : null,
    allErrors: parsed.errors.map((e) => ({ line: e.xenLine, message: e.xenMessage, ours: e.message })),
  };
}

/**
 * Invalid UTF-8 is lossy on both sides and in different ways (the oracle writes one U+FFFD per
 * bad byte, TextDecoder one per maximal bad subsequence), so runs of U+FFFD compare equal.
 */
export function normalizeText(s: string): string {
  return s.replace(/\uFFFD+/g, '\uFFFD');
}

export function normalizeValue(v: PlainValue): PlainValue {
  return typeof v === 'string' ? normalizeText(v) : v.map(normalizeValue);
}

export function sameValue(a: PlainValue, b: PlainValue): boolean {
  return JSON.stringify(normalizeValue(a)) === JSON.stringify(normalizeValue(b));
}

export function sameSetting(a: PlainSetting, b: PlainSetting): boolean {
  return (
    a.name === b.name &&
    a.op === b.op &&
    a.line === b.line &&
    sameValue(a.value, b.value) &&
    (a.op !== '+=' || sameValue(a.accumulated ?? a.value, b.accumulated ?? b.value))
  );
}

export function showSetting(s: PlainSetting | undefined): string {
  if (!s) return '(none)';
  const acc = s.op === '+=' && s.accumulated !== undefined ? ` → ${JSON.stringify(s.accumulated)}` : '';
  return `${s.name} ${s.op} ${JSON.stringify(s.value)}${acc} (line ${s.line})`;
}

/** The first difference between two lists of stored settings, or null when they agree. */
export function settingsDifference(ours: readonly PlainSetting[], xen: readonly PlainSetting[]): string | null {
  const n = Math.max(ours.length, xen.length);
  for (let i = 0; i < n; i++) {
    if (!ours[i] || !xen[i] || !sameSetting(ours[i], xen[i])) {
      return `stored setting #${i + 1}: ours ${showSetting(ours[i])}, Xen ${showSetting(xen[i])} (ours stores ${ours.length}, Xen ${xen.length})`;
    }
  }
  return null;
}

/** How our error message must say that xl dies on the input. */
export const ABORT_MESSAGE = /abort|SIGABRT/i;

/** Kinds of disagreement, from the one that matters most. */
export type Disagreement =
  | { kind: 'ok'; detail: string }
  | { kind: 'crash'; detail: string }
  | { kind: 'first-error-line'; detail: string }
  | { kind: 'settings'; detail: string }
  | { kind: 'effective'; detail: string }
  | { kind: 'first-error-message'; detail: string }
  | { kind: 'python-warning'; detail: string }
  | { kind: 'later-errors'; detail: string };

export const HARD_KINDS: ReadonlySet<Disagreement['kind']> = new Set([
  'ok',
  'crash',
  'first-error-line',
  'settings',
  'effective',
  'first-error-message',
]);

/** Every way our answer differs from Xen's. Later errors are best-effort (bison's recovery). */
export function compareAnswers(ours: OurAnswer, xen: XenAnswer, opts: { messages?: boolean } = {}): Disagreement[] {
  const out: Disagreement[] = [];
  if (ours.ok !== xen.ok) {
    out.push({ kind: 'ok', detail: `ours ok=${ours.ok}, Xen ok=${xen.ok}${xen.crashed ? ' (libxlutil aborted)' : ''}` });
  }
  if (xen.crashed || ours.crashed) {
    if (xen.crashed !== ours.crashed) {
      out.push({ kind: 'crash', detail: `Xen's libxlutil ${xen.crashed ? 'aborts (SIGABRT)' : 'does not abort'}; ours says crashes=${ours.crashed}` });
    } else if (!ours.allErrors.some((e) => ABORT_MESSAGE.test(e.ours))) {
      out.push({ kind: 'crash', detail: `Xen's libxlutil aborts (SIGABRT); none of our errors says that xl aborts: ${JSON.stringify(ours.allErrors.map((e) => e.ours))}` });
    }
    if (xen.crashed) return out;
  }
  const xf = xen.errors[0];
  const of = ours.allErrors[0];
  if (xf) {
    if (!of) out.push({ kind: 'first-error-line', detail: `Xen's first error is on line ${xf.line} (${xf.message}); we report none` });
    else if (of.line !== xf.line) {
      out.push({ kind: 'first-error-line', detail: `first error: ours line ${of.line} (${of.message ?? of.ours}), Xen line ${xf.line} (${xf.message})` });
    } else if (opts.messages !== false && normalizeText(of.message ?? '') !== normalizeText(xf.message)) {
      out.push({ kind: 'first-error-message', detail: `first error (line ${xf.line}) message: ours ${JSON.stringify(of.message ?? null)}, Xen ${JSON.stringify(xf.message)}` });
    }
  } else if (!xen.ok && of === undefined) {
    out.push({ kind: 'first-error-line', detail: 'Xen rejects with no message; we report no error' });
  }
  if (opts.messages !== false && ours.pythonWarning !== xen.pythonWarning) {
    out.push({ kind: 'python-warning', detail: `"looks like Python" warning: ours ${ours.pythonWarning}, Xen ${xen.pythonWarning}` });
  }
  const sd = settingsDifference(ours.settings, xen.settings);
  if (sd) out.push({ kind: 'settings', detail: sd });
  if (xen.effective && ours.effective) {
    const names = new Set([...Object.keys(xen.effective), ...Object.keys(ours.effective)]);
    for (const name of names) {
      const a = ours.effective[name];
      const b = xen.effective[name];
      if (a === undefined || b === undefined || !sameValue(a, b)) {
        out.push({ kind: 'effective', detail: `lookup of ${name}: ours ${JSON.stringify(a ?? null)}, Xen ${JSON.stringify(b ?? null)}` });
      }
    }
  }
  if (opts.messages !== false) {
    const later = laterErrorsDifference(ours.errors, xen.errors);
    if (later) out.push({ kind: 'later-errors', detail: later });
  }
  return out;
}

/** Compares the errors after the first, for information only. */
export function laterErrorsDifference(ours: readonly PlainError[], xen: readonly PlainError[]): string | null {
  const n = Math.max(ours.length, xen.length);
  for (let i = 1; i < n; i++) {
    const a = ours[i];
    const b = xen[i];
    if (!a || !b || a.line !== b.line || normalizeText(a.message) !== normalizeText(b.message)) {
      const show = (e: PlainError | undefined) => (e ? `line ${e.line}: ${e.message}` : '(none)');
      return `error #${i + 1}: ours ${show(a)}; Xen ${show(b)} (ours prints ${ours.length} errors, Xen ${xen.length})`;
    }
  }
  return null;
}
