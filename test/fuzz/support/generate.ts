// A seeded generator of xl.cfg inputs, valid and broken, as bytes (one JS character per
// byte, latin1). It aims at the lexer's and grammar's corners: every token kind, blanks,
// comments, CR, NUL, non-ASCII, escapes good and bad, `+=` chains, nested lists, newlines
// inside lists, the one-byte-at-EOF quirk and random junk bytes.

/** sfc32: small, fast, and the same sequence on every platform for a given seed. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 16; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** 0 <= r < n */
  int(n: number): number {
    return Math.floor((this.u32() / 0x100000000) * n);
  }

  chance(p: number): boolean {
    return this.u32() / 0x100000000 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

const KEYS = ['name', 'memory', 'vcpus', 'disk', 'vif', 'pci', 'x', 'y', 'a.b', 'vif.default.script', 'k1', 'z_9', 'extra', 'l'];
const BAD_KEYS = ['Name', '_x', '1x', 'max-files', '\xc3\xa9', 'x-y', 'X', 'a b', 'a:b', '.x'];
const NUMBERS = ['0', '1', '128', '010', '08', '0x10', '0x1f', '1e3', '12abc', '0x1x2', '99999999999999999999', '0x', '9223372036854775807'];
const BAD_NUMBERS = ['0xfg', '0X10', '0xAB', '1.5', '-1', '+1', '1.', '.5', '1,000', '(1)', '1_000'];
const STRING_TEXT = ['a', 'hello', 'phy:/dev/vg/d,xvda,w', ' ', '#', '# not a comment', 'a=b', ',', '[x]', ';', '', 'x y'];
const GOOD_ESCAPES = ['\\n', '\\t', '\\\\', '\\"', "\\'", '\\a', '\\b', '\\f', '\\r', '\\v', '\\101', '\\1234', '\\0 12', '\\099', '\\1-12', '\\0+1x'];
const BAD_ESCAPES = ['\\x41', '\\xg', '\\q', '\\12', '\\0', '\\9', '\\8', '\\:', '\\ ', '\\x'];
const RAW_BYTES = ['\xc3\xa9', '\xe4\xb8\xad', '\xf0\x9f\x98\x80', '\xff', '\xc3', '\xe2\x82', '\x80', '\t', '\r', '\x01', '\x7f', '\0'];
const BLANKS = ['', '', '', ' ', ' ', ' ', '\t', '  ', ' \t '];
const COMMENTS = ['#', '# c', '#c', '# a comment, with [brackets] and "quotes"', '#\xc3\xa9', '# \r', '##', '#\0'];
const JUNK = ['@', '(', ')', '$', '%', '{', '}', '"', "'", '\\', '\0', '+', '-', '.', ':', '!', '&', '*', '<', '>', '?', '|', '~', '`', '^', '\r', '\x1b', '\xff', '\xc3\xa9'];

export interface GenOptions {
  /** Probability that any one piece is replaced by something broken. */
  corruption: number;
}

class Gen {
  constructor(
    private readonly r: Rng,
    private readonly o: GenOptions,
  ) {}

  private broken(): boolean {
    return this.r.chance(this.o.corruption);
  }

  blank(): string {
    if (this.broken()) return this.r.pick(['\r', '\f', '\v', '\0', '\xa0', '\xc2\xa0']);
    return this.r.pick(BLANKS);
  }

  key(): string {
    if (this.broken()) return this.r.pick(BAD_KEYS);
    if (this.r.chance(0.7)) return this.r.pick(KEYS);
    const first = 'abcdefghijklmnopqrstuvwxyz';
    const rest = 'abcdefghijklmnopqrstuvwxyz0123456789_.';
    let s = first[this.r.int(first.length)];
    for (let n = this.r.int(8); n > 0; n--) s += rest[this.r.int(rest.length)];
    return s;
  }

  op(): string {
    if (this.broken()) return this.r.pick(['+ =', '==', '=+', ':', '', '=>', '+', '+=+=', '= =']);
    return this.r.chance(0.25) ? '+=' : '=';
  }

  stringContent(quote: string): string {
    let s = '';
    for (let n = this.r.int(5); n > 0; n--) {
      const k = this.r.int(10);
      if (k < 4) s += this.r.pick(STRING_TEXT);
      else if (k < 6) s += this.r.pick(GOOD_ESCAPES);
      else if (k < 7) s += quote === '"' ? "'" : '"';
      else if (k < 8 && this.broken()) s += this.r.pick(BAD_ESCAPES);
      else if (k < 9) s += this.r.pick(RAW_BYTES.filter((b) => b !== '\0' || this.broken()));
      else s += String(this.r.int(1000));
    }
    return s;
  }

  atom(): string {
    if (this.broken()) {
      const k = this.r.int(6);
      if (k === 0) return this.r.pick(BAD_NUMBERS);
      if (k === 1) return this.key(); // a bare word
      if (k === 2) {
        const q = this.r.pick(['"', "'"]);
        return q + this.stringContent(q) + this.r.pick(['', '\\', '\n', '\0', '\\\n']); // unterminated or broken
      }
      if (k === 3) {
        const q = this.r.pick(['"', "'"]);
        return q + this.stringContent(q) + this.r.pick(BAD_ESCAPES) + q;
      }
      if (k === 4) return this.r.pick(JUNK);
      return `${this.r.pick(NUMBERS)} ${this.r.pick(['+', '-', '*'])} ${this.r.pick(NUMBERS)}`;
    }
    if (this.r.chance(0.35)) return this.r.pick(NUMBERS);
    const q = this.r.chance(0.7) ? '"' : "'";
    return q + this.stringContent(q) + q;
  }

  /** Newlines and comments, as a list allows them between items. */
  nlok(): string {
    let s = '';
    while (this.r.chance(0.2)) s += this.blank() + (this.r.chance(0.5) ? '\n' : this.r.pick(COMMENTS) + '\n');
    return s + this.blank();
  }

  list(depth: number): string {
    let s = '[' + this.nlok();
    const n = this.r.int(depth > 2 ? 2 : 5);
    for (let i = 0; i < n; i++) {
      s += this.value(depth + 1) + this.nlok();
      if (i < n - 1) {
        if (this.broken()) s += this.r.pick(['', ',,', ' ', ';', '\n,']);
        else s += ',' + this.nlok();
      }
    }
    if (n > 0 && this.r.chance(0.2)) s += ',' + this.nlok();
    if (n === 0 && this.broken()) s += ',';
    if (this.broken()) return s + this.r.pick(['', ']]', ')', '\n']);
    return s + ']';
  }

  value(depth: number): string {
    if (depth < 5 && this.r.chance(depth === 0 ? 0.35 : 0.2)) return this.list(depth);
    return this.atom();
  }

  terminator(): string {
    if (this.broken()) return this.r.pick(['\r\n', '', ' ', '\\\n', '\r', ',\n']);
    const k = this.r.int(10);
    if (k < 5) return '\n';
    if (k < 6) return ';';
    if (k < 7) return ';\n';
    if (k < 8) return this.blank() + this.r.pick(COMMENTS) + '\n';
    if (k < 9) return '\n\n';
    return ';;\n';
  }

  statement(names: string[]): string {
    const k = this.r.int(20);
    if (k === 0) return this.blank() + this.r.pick(COMMENTS) + '\n';
    if (k === 1) return this.blank() + '\n';
    if (k === 2 && this.broken()) return this.r.pick(JUNK) + this.atom() + '\n';
    // Re-use names so that `+=` chains and duplicates appear.
    const name = names.length && this.r.chance(0.5) ? this.r.pick(names) : this.key();
    names.push(name);
    let s = this.blank() + name + this.blank() + this.op() + this.blank();
    if (this.broken() && this.r.chance(0.3)) s += '\n'; // value on the next line
    s += this.value(0) + this.blank();
    if (this.broken() && this.r.chance(0.3)) s += this.atom(); // two values
    return s + this.terminator();
  }
}

/** One input: a latin1 string (one character per byte). */
export function generateConfig(r: Rng): string {
  const mode = r.int(10);
  // Four in ten are (nearly) valid files, the rest increasingly broken.
  const corruption = mode < 4 ? 0.002 : mode < 8 ? 0.05 : 0.3;
  const g = new Gen(r, { corruption });
  const names: string[] = [];
  let s = '';
  for (let n = 1 + r.int(12); n > 0; n--) s += g.statement(names);
  // End-of-file shapes: the lexer's one-byte quirk, a final line without newline, a comment.
  const end = r.int(mode < 4 ? 40 : 12);
  if (end === 0) s = s.replace(/\n$/, '');
  else if (end === 1) s += r.pick(JUNK);
  else if (end === 2) s += r.pick(COMMENTS);
  else if (end === 3) s += g.key() + '=' + g.atom();
  else if (end === 4) s += r.pick(['[', '"', "'", '=', '+=', ',', ';', '#\n', '\\']);
  // Byte-level mutations, now and then.
  if (mode >= 4 && r.chance(0.3)) {
    for (let n = 1 + r.int(3); n > 0; n--) s = mutate(r, s);
  }
  return s;
}

function mutate(r: Rng, s: string): string {
  const at = r.int(s.length + 1);
  switch (r.int(5)) {
    case 0:
      return s.slice(0, at) + String.fromCharCode(r.int(256)) + s.slice(at);
    case 1:
      return s.slice(0, at) + s.slice(at + 1 + r.int(3));
    case 2:
      return s.slice(0, at) + r.pick(JUNK) + s.slice(at + 1);
    case 3: {
      const len = r.int(12);
      return s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    }
    default:
      return s.slice(0, at) + r.pick(['\n', '\r\n', '[', ']', ',', '"', '#', '=', '+=', ';']) + s.slice(at);
  }
}

/** A JavaScript expression that gives the same input to parseConfig. */
export function inputLiteral(bytes: string): string {
  let out = '';
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c >= 0x20 && c < 0x7f) out += bytes[i];
    else {
      if (c >= 0x80) ascii = false;
      out += '\\x' + c.toString(16).padStart(2, '0');
    }
  }
  return ascii ? `"${out}"` : `Buffer.from("${out}", "latin1")`;
}
