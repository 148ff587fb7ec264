// The C library number readers that xl and libxlutil use on spec values, with their
// leniency reproduced: leading blanks, a sign, a 0x prefix, stopping at the first
// non-digit, wrapping of negative values, saturation on overflow. `long` is 64-bit (x86_64).

const ULONG_MAX = (1n << 64n) - 1n;
const UINT_MASK = (1n << 32n) - 1n;

export function isCSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

function digit(c: string | undefined): number {
  if (c === undefined) return 99;
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  if (code >= 65 && code <= 90) return code - 55;
  return 99;
}

export interface CNumber {
  /** The value as C stores it in an unsigned long (negative input wraps). */
  value: bigint;
  /** Index just after the last character read (== from when nothing was read). */
  end: number;
  /** False when no digit was read (C's endptr == str). */
  read: boolean;
  /** strtoul saturated at ULONG_MAX (ERANGE). */
  overflow: boolean;
}

/** strtoul(text + from, &end, base) with base 0, 8, 10 or 16. */
export function cStrtoul(text: string, base: 0 | 8 | 10 | 16, from = 0): CNumber {
  let i = from;
  while (isCSpace(text[i])) i++;
  let neg = false;
  if (text[i] === '+' || text[i] === '-') {
    neg = text[i] === '-';
    i++;
  }
  let b = base;
  if ((b === 0 || b === 16) && text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && digit(text[i + 2]) < 16) {
    b = 16;
    i += 2;
  } else if (b === 0) {
    b = text[i] === '0' ? 8 : 10;
  }
  const digitsStart = i;
  let v = 0n;
  let overflow = false;
  const bb = BigInt(b);
  while (digit(text[i]) < b) {
    v = v * bb + BigInt(digit(text[i]));
    if (v > ULONG_MAX) overflow = true;
    i++;
  }
  if (i === digitsStart) return { value: 0n, end: from, read: false, overflow: false };
  if (overflow) return { value: ULONG_MAX, end: i, read: true, overflow: true };
  if (neg && v !== 0n) v = (ULONG_MAX + 1n - v) & ULONG_MAX;
  return { value: v, end: i, read: true, overflow: false };
}

/** sscanf("%x") into an unsigned int: strtoul base 16, truncated to 32 bits. */
export function cScanHex(text: string, from = 0): CNumber {
  const r = cStrtoul(text, 16, from);
  return { ...r, value: r.value & UINT_MASK };
}

/** atoi(text): strtol base 10 truncated to int; junk reads as 0. */
export function cAtoi(text: string): number {
  let i = 0;
  while (isCSpace(text[i])) i++;
  let neg = false;
  if (text[i] === '+' || text[i] === '-') {
    neg = text[i] === '-';
    i++;
  }
  let v = 0n;
  while (digit(text[i]) < 10) {
    v = v * 10n + BigInt(digit(text[i]));
    i++;
  }
  if (neg) v = -v;
  // glibc's atoi is (int)strtol: saturate to long, then keep the low 32 bits.
  const LONG_MAX = (1n << 63n) - 1n;
  if (v > LONG_MAX) v = LONG_MAX;
  if (v < -LONG_MAX - 1n) v = -LONG_MAX - 1n;
  return Number(BigInt.asIntN(32, v));
}

/** xl's parse_ulong: decimal strtoul, trailing junk accepted, fails on no digit or ULONG_MAX. */
export function xlParseUlong(text: string): { ok: true; value: bigint } | { ok: false } {
  const r = cStrtoul(text, 10);
  if (!r.read || r.value === ULONG_MAX) return { ok: false };
  return { ok: true, value: r.value };
}

export function hex(n: bigint | number): string {
  return '0x' + n.toString(16);
}
