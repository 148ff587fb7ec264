// The token shapes the comma-separated spec grammars return, and the checks several of
// those languages share (numbers read with atoi/strtoul, which never complain).

import { cAtoi, cStrtoul } from './cnum';
import { runTotal, type GeneratedParse } from './peg';
import { problem, xlExits } from './problems';
import type { SpecField, SpecProblem } from './types';

export interface Span {
  value: string;
  start: number;
  end: number;
}

/** One comma-separated token: `text` after xl's space skipping, cut at its first '='. */
export interface TokenItem {
  start: number;
  end: number;
  text: string;
  key: Span | null;
  value: Span | null;
  /** Pair grammars only: the length of the value before trimming (0 means `key=`). */
  rawValueLength?: number;
}

export function tokenItems(parse: GeneratedParse, text: string): TokenItem[] {
  return runTotal<TokenItem[]>(parse, text, 'Spec', []);
}

export function asField(s: Span): SpecField<string> {
  return { value: s.value, start: s.start, end: s.end };
}

/** A fatal problem of xl's own config loop (exit status 1 unless said otherwise). */
export function fatal(start: number, end: number, code: string, xenMessage: string | undefined, why: string, exitStatus = 1, replacement?: SpecProblem['replacement']): SpecProblem {
  return problem({ code, start, end, reaction: 'fatal', exitStatus, xenMessage, message: `${why}: ${xlExits(exitStatus)}.`, replacement });
}

/** xl reads the value with atoi: anything but a plain integer silently becomes a number. */
export function atoiField(key: string, v: Span, problems: SpecProblem[], code: string): SpecField<number> {
  const n = cAtoi(v.value);
  if (!/^\s*[+-]?\d+$/.test(v.value)) {
    problems.push(problem({
      code, start: v.start, end: v.end, reaction: 'silent',
      message: `\`${key}=${v.value}\` is read with atoi, so it means ${n} without any message. Write a plain decimal number.`,
    }));
  }
  return { value: n, start: v.start, end: v.end };
}

/** xl reads the value with strtoul(…, 0): junk after the number is silently ignored. */
export function strtoulField(key: string, v: Span, problems: SpecProblem[], code: string): SpecField<bigint> {
  const r = cStrtoul(v.value, 0);
  if (!r.read || r.end !== v.value.length) {
    problems.push(problem({
      code, start: v.start, end: v.end, reaction: 'silent',
      message: `\`${key}=${v.value}\` is read with strtoul, so it means ${r.value}${r.read ? ' and the rest is ignored' : ''} without any message` +
        `${/^0[0-7]/.test(v.value.trim()) ? ' (a leading 0 makes it octal)' : ''}. Write a plain number.`,
    }));
  } else if (/^\s*0[0-7]+$/.test(v.value)) {
    problems.push(problem({
      code, start: v.start, end: v.end, reaction: 'silent', severity: 'information',
      message: `\`${v.value}\` has a leading 0, so xl reads it as octal: ${r.value}.`,
    }));
  }
  return { value: r.value, start: v.start, end: v.end };
}

const C_SPACE = /[ \t\n\v\f\r]/;

function trimSpan(s: string, offset: number): Span {
  let a = 0;
  let b = s.length;
  while (a < b && C_SPACE.test(s[a])) a++;
  while (b > a && C_SPACE.test(s[b - 1])) b--;
  return { value: s.slice(a, b), start: offset + a, end: offset + b };
}

/**
 * split_string_into_pair as xl had it up to Xen 4.17: two strtok(…, "=") calls, so leading
 * '='s are skipped, the value stops at the next '=' (`path=/a=b` gives `/a`), and a missing
 * second token is an error; both parts trimmed of blanks. Returns key/value null on error.
 */
export function legacyPair(raw: string, offset: number): { key: Span | null; value: Span | null } {
  let i = 0;
  while (raw[i] === '=') i++;
  if (i >= raw.length) return { key: null, value: null };
  let j = raw.indexOf('=', i);
  if (j < 0) j = raw.length;
  const key = trimSpan(raw.slice(i, j), offset + i);
  let k = j;
  while (raw[k] === '=') k++;
  if (k >= raw.length) return { key: null, value: null };
  let l = raw.indexOf('=', k);
  if (l < 0) l = raw.length;
  return { key, value: trimSpan(raw.slice(k, l), offset + k) };
}

/** The pair items of a spec, re-split the pre-4.18 way when `legacy`. */
export function pairItems(items: TokenItem[], text: string, legacy: boolean): TokenItem[] {
  if (!legacy) return items;
  return items.map((it) => {
    const p = legacyPair(text.slice(it.start, it.end), it.start);
    return { ...it, key: p.key, value: p.value, rawValueLength: p.value ? 1 : 0 };
  });
}

/** Up to Xen 4.17 a pair's value stops at its next '=': the problem for the part cut off. */
export function legacyCutProblem(it: TokenItem, text: string, version: string): SpecProblem | undefined {
  if (!it.value) return undefined;
  const raw = text.slice(it.start, it.end);
  const firstEq = raw.search(/[^=]/) < 0 ? -1 : raw.indexOf('=', raw.search(/[^=]/));
  if (firstEq < 0) return undefined;
  let k = firstEq;
  while (raw[k] === '=') k++;
  const cut = raw.indexOf('=', k);
  if (cut < 0) return undefined;
  return problem({
    code: 'spec-value-cut-at-equals', start: it.start + cut, end: it.end, reaction: 'silent',
    message: `Xen ${version} ends the value at this \`=\` and drops the rest without a message (Xen 4.18 and later keep it); the value is \`${it.value.value}\`.`,
  });
}
