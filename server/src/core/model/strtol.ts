// xl reads every integer key with libxlutil's long getter, which is C `strtol(s, &end, 0)` on
// a 64-bit long, and refuses the value unless the whole string was consumed. So `010` is 8,
// `0x10` is 16, `" 42"` is 42 but `"42 "`, `08` and `1e3` are not numbers at all.

export type StrtolResult =
  | { ok: true; value: bigint }
  | { ok: false; reason: 'invalid' | 'range' };

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

function isCSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  if (code >= 65 && code <= 90) return code - 55;
  return 99;
}

/** C strtol with base 0, requiring the whole string to be a number (xl's rule). */
export function xlStrtol(s: string): StrtolResult {
  let i = 0;
  while (i < s.length && isCSpace(s[i])) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  let base = 10;
  if (s[i] === '0') {
    if ((s[i + 1] === 'x' || s[i + 1] === 'X') && i + 2 < s.length && digitValue(s[i + 2]) < 16) {
      base = 16;
      i += 2;
    } else {
      base = 8;
    }
  }
  const digitsStart = i;
  let v = 0n;
  const b = BigInt(base);
  while (i < s.length) {
    const d = digitValue(s[i]);
    if (d >= base) break;
    v = v * b + BigInt(d);
    i++;
  }
  if (neg) v = -v;
  // xl looks at errno before the end pointer, so an overflow wins over trailing junk.
  if (v > LONG_MAX || v < LONG_MIN) return { ok: false, reason: 'range' };
  if (i === digitsStart || i !== s.length) return { ok: false, reason: 'invalid' };
  return { ok: true, value: v };
}
