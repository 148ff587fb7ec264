// libxlutil reads the file as bytes. The grammar therefore runs over a "byte string" (one
// UTF-16 unit per byte, values 0-255) and the results are mapped back to offsets in the
// document text that editors and the CLI report positions in.

/** A document's text and its bytes, with offset conversion between them. */
export interface ByteView {
  /** The document text (UTF-16), as editors hold it. */
  text: string;
  /** One char per byte of the file (latin1-style), what the grammar parses. */
  bytes: string;
  /** True when every byte is ASCII, so byte offsets are text offsets. */
  ascii: boolean;
  /** Converts an offset in `bytes` to an offset in `text`. */
  toText(byteOffset: number): number;
}

const NON_ASCII = /[^\x00-\x7f]/;

function bytesToLatin1(buf: Uint8Array): string {
  let out = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < buf.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, buf.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return out;
}

/**
 * Length of the UTF-8 sequence at `i` (1 for an invalid byte, which decodes to U+FFFD) and its
 * code point. `at(k)` returns the byte at k, or -1 past the end.
 */
function utf8Step(at: (k: number) => number, i: number): { len: number; cp: number } {
  const b = at(i);
  if (b < 0x80) return { len: 1, cp: b };
  let need = 0;
  let cp = 0;
  let min = 0;
  if (b >= 0xc2 && b <= 0xdf) (need = 1), (cp = b & 0x1f), (min = 0x80);
  else if (b >= 0xe0 && b <= 0xef) (need = 2), (cp = b & 0x0f), (min = 0x800);
  else if (b >= 0xf0 && b <= 0xf4) (need = 3), (cp = b & 0x07), (min = 0x10000);
  else return { len: 1, cp: 0xfffd };
  for (let k = 1; k <= need; k++) {
    const c = at(i + k);
    if (c < 0 || (c & 0xc0) !== 0x80) return { len: 1, cp: 0xfffd };
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { len: 1, cp: 0xfffd };
  return { len: need + 1, cp };
}

/** Decodes UTF-8 the way the reference oracle reports it: each invalid byte becomes U+FFFD. */
export function decodeUtf8PerByte(buf: Uint8Array): string {
  let out = '';
  const at = (k: number) => (k < buf.length ? buf[k] : -1);
  for (let i = 0; i < buf.length; ) {
    const { len, cp } = utf8Step(at, i);
    out += String.fromCodePoint(cp);
    i += len;
  }
  return out;
}

function latin1ToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Decodes a run of the byte string (e.g. a dequoted value) as UTF-8. */
export function bytesToText(byteString: string): string {
  return NON_ASCII.test(byteString) ? decodeUtf8PerByte(latin1ToBytes(byteString)) : byteString;
}

function identity(n: number): number {
  return n;
}

/** Builds the byte view of a document given as text (editor) or bytes (CLI). */
export function byteViewOf(input: string | Uint8Array): ByteView {
  if (typeof input === 'string') {
    if (!NON_ASCII.test(input)) return { text: input, bytes: input, ascii: true, toText: identity };
    const encoded = new TextEncoder().encode(input);
    return withMap(input, bytesToLatin1(encoded));
  }
  const bytes = bytesToLatin1(input);
  if (!NON_ASCII.test(bytes)) return { text: bytes, bytes, ascii: true, toText: identity };
  return withMap(decodeUtf8PerByte(input), bytes);
}

// Maps byte offsets to text offsets by walking the UTF-8 sequences once, with the same
// decoding rules as decodeUtf8PerByte.
function withMap(text: string, bytes: string): ByteView {
  const map = new Uint32Array(bytes.length + 1);
  const at = (k: number) => (k < bytes.length ? bytes.charCodeAt(k) : -1);
  let t = 0;
  for (let b = 0; b < bytes.length; ) {
    const { len, cp } = utf8Step(at, b);
    for (let k = 0; k < len; k++) map[b + k] = t;
    b += len;
    t += cp > 0xffff ? 2 : 1;
  }
  map[bytes.length] = t;
  return { text, bytes, ascii: false, toText: (n) => map[Math.min(Math.max(n, 0), bytes.length)] };
}
