// libxlutil's dequoting of a quoted string token (xlu__cfgl_dequote), bugs included:
// - `\x..` can never succeed (the routine skips one byte too many), so it is always an error;
// - `\` + digit feeds the next up-to-3 bytes to strtoul base 10 (so blanks and a sign are
//   accepted), needs at least 2 of them consumed, and then emits nothing at all;
// - any other unknown escape is an error since Xen 4.7 (before, it was silently dropped);
// - a NUL byte trips an assert() and xl dies with SIGABRT.

export type DequoteProblem =
  | { kind: 'nul'; at: number }
  | { kind: 'hex-escape'; at: number; end: number }
  | { kind: 'digit-escape-short'; at: number; end: number }
  | { kind: 'unknown-escape'; at: number; end: number };

export interface DequoteResult {
  /** The value as bytes (one char per byte), when dequoting succeeded. */
  value: string;
  /** The first problem (Xen stops there), offsets into the byte string. */
  problem?: DequoteProblem;
  /** Digit escapes that were accepted but produced nothing (start, end offsets). */
  vanished: Array<{ at: number; end: number }>;
}

const SIMPLE: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function isCSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

/** How many bytes strtoul(s, &end, 10) consumes (0 when it finds no digits). */
function strtoulConsumed(s: string): number {
  let i = 0;
  while (i < s.length && isCSpace(s[i])) i++;
  if (s[i] === '+' || s[i] === '-') i++;
  const digits = i;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  return i === digits ? 0 : i;
}

/**
 * Dequotes the token `bytes.slice(start, end)` (quotes included).
 */
export function dequote(bytes: string, start: number, end: number): DequoteResult {
  const from = start + 1;
  const to = end - 1;
  const vanished: Array<{ at: number; end: number }> = [];
  let nul = -1;
  let firstEscape = -1;
  for (let k = from; k < to; k++) {
    const c = bytes.charCodeAt(k);
    if (c === 0) {
      nul = k;
      break;
    }
    if (c === 92 && firstEscape < 0) firstEscape = k;
  }
  if (nul >= 0) {
    // The routine measures the token with strlen, so it sees only the bytes before the NUL and
    // asserts they end with the opening quote. They could only if that quote were escaped,
    // and then its backslash trips the next assertion: a NUL in a string always kills xl.
    return { value: '', problem: { kind: 'nul', at: nul }, vanished };
  }
  if (firstEscape < 0) return { value: bytes.slice(from, to), vanished };
  let out = bytes.slice(from, firstEscape);
  let i = firstEscape;
  while (i < to) {
    const c = bytes[i];
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = bytes[i + 1];
    const simple = SIMPLE[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (e === 'x') {
      return { value: out, problem: { kind: 'hex-escape', at: i, end: Math.min(i + 4, to) }, vanished };
    } else if (e >= '0' && e <= '7') {
      const window = bytes.slice(i + 2, Math.min(i + 5, to));
      const used = strtoulConsumed(window);
      if (used < 2) return { value: out, problem: { kind: 'digit-escape-short', at: i, end: i + 2 + window.length }, vanished };
      vanished.push({ at: i, end: i + 2 + used });
      i += 2 + used;
    } else {
      return { value: out, problem: { kind: 'unknown-escape', at: i, end: i + 2 }, vanished };
    }
  }
  return { value: out, vanished };
}
