// The xl.cfg lexer: libxlutil's flex rules (tools/libs/util/libxlu_cfg_l.l) rule for rule,
// written as one loop over the bytes so that parsing keeps up with Xen's C parser. The
// character-level `Tokens` rule of grammar/xlcfg.peggy states the same rules; a property test
// checks that both split every input the same way.
//
// Output: one symbol per token in `symbols` (the alphabet the PEG grammar parses) and the
// token offsets in typed arrays, so scanning allocates nothing per token.

/** Token symbols, one character each (the terminals of grammar/xlcfg.peggy's Document). */
export const SYM = {
  ident: 'i',
  number: 'n',
  string: 's',
  eq: '=',
  plusEq: '+',
  comma: ',',
  open: '[',
  close: ']',
  semi: ';',
  newline: 'l',
  comment: 'c',
  blank: 'b',
  illegal: 'x',
  eofByte: 'e',
} as const;

/** The tree's token kind for each symbol. */
export const KIND_OF_SYMBOL: Record<string, import('./tree').TokenKind> = {
  i: 'ident', n: 'number', s: 'string', '=': '=', '+': '+=', ',': ',', '[': '[', ']': ']',
  ';': ';', l: 'newline', c: 'comment', b: 'blank', x: 'illegal', e: 'eof-byte',
};

export interface Tokens {
  /** One symbol per token. */
  symbols: string;
  starts: Uint32Array;
  ends: Uint32Array;
  count: number;
}

const A = 97, Z = 122, D0 = 48, D9 = 57, F = 102, X = 120;
const SPACE = 32, TAB = 9, NL = 10, HASH = 35, DQ = 34, SQ = 39, BS = 92;
const PLUS = 43, EQ = 61, COMMA = 44, LB = 91, RB = 93, SEMI = 59, DOT = 46, US = 95;

function isIdentChar(c: number): boolean {
  return (c >= A && c <= Z) || (c >= D0 && c <= D9) || c === US || c === DOT;
}

function isNumberChar(c: number): boolean {
  return (c >= D0 && c <= D9) || (c >= A && c <= F) || c === X;
}

/** End of a one-line quoted string starting at `p`, or -1 when it does not close. */
function stringEnd(s: string, p: number, n: number): number {
  const quote = s.charCodeAt(p);
  let k = p + 1;
  while (k < n) {
    const c = s.charCodeAt(k);
    if (c === quote) return k + 1;
    if (c === NL) return -1;
    if (c === BS) {
      if (k + 1 >= n || s.charCodeAt(k + 1) === NL) return -1;
      k += 2;
    } else k++;
  }
  return -1;
}

export function scan(s: string): Tokens {
  const n = s.length;
  let cap = Math.max(16, n >> 2);
  let starts = new Uint32Array(cap);
  let ends = new Uint32Array(cap);
  const sym: string[] = [];
  let count = 0;
  let symChunk = '';

  const push = (kind: string, start: number, end: number): void => {
    if (count === cap) {
      cap *= 2;
      const ns = new Uint32Array(cap);
      ns.set(starts);
      starts = ns;
      const ne = new Uint32Array(cap);
      ne.set(ends);
      ends = ne;
    }
    starts[count] = start;
    ends[count] = end;
    count++;
    symChunk += kind;
    if (symChunk.length >= 4096) {
      sym.push(symChunk);
      symChunk = '';
    }
  };

  let p = 0;
  while (p < n) {
    const c = s.charCodeAt(p);
    const start = p;
    if (c >= A && c <= Z) {
      p++;
      while (p < n && isIdentChar(s.charCodeAt(p))) p++;
      push(SYM.ident, start, p);
    } else if (c >= D0 && c <= D9) {
      p++;
      while (p < n && isNumberChar(s.charCodeAt(p))) p++;
      push(SYM.number, start, p);
    } else if (c === SPACE || c === TAB) {
      p++;
      while (p < n && (s.charCodeAt(p) === SPACE || s.charCodeAt(p) === TAB)) p++;
      push(SYM.blank, start, p);
    } else if (c === NL) {
      push(SYM.newline, start, ++p);
    } else if (c === EQ) {
      push(SYM.eq, start, ++p);
    } else if (c === COMMA) {
      push(SYM.comma, start, ++p);
    } else if (c === LB) {
      push(SYM.open, start, ++p);
    } else if (c === RB) {
      push(SYM.close, start, ++p);
    } else if (c === SEMI) {
      push(SYM.semi, start, ++p);
    } else if (c === PLUS && p + 1 < n && s.charCodeAt(p + 1) === EQ) {
      p += 2;
      push(SYM.plusEq, start, p);
    } else if (c === HASH && s.indexOf('\n', p) >= 0) {
      // A comment runs to and includes the next newline (flex: \#.*\n).
      p = s.indexOf('\n', p) + 1;
      push(SYM.comment, start, p);
    } else if ((c === DQ || c === SQ) && (p = stringEnd(s, start, n)) > 0) {
      push(SYM.string, start, p);
    } else {
      // No rule matches: flex enters its error state with this byte and takes the rest of
      // the non-blank run. As the very last byte it reaches the end of input first and the
      // byte is dropped without a report.
      p = start + 1;
      if (p === n) {
        push(SYM.eofByte, start, p);
        break;
      }
      while (p < n) {
        const d = s.charCodeAt(p);
        if (d === SPACE || d === TAB || d === NL) break;
        p++;
      }
      push(SYM.illegal, start, p);
    }
  }
  sym.push(symChunk);
  return { symbols: sym.join(''), starts, ends, count };
}
