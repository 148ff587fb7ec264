// The lossless syntax tree of an xl.cfg file and the settings read from it.
// Every byte of the file belongs to exactly one leaf token; composite nodes cover their
// children contiguously. Offsets are UTF-16 offsets into the document text.

/** Leaf token kinds, named after libxlutil's lexer where it has a name for them. */
export type TokenKind =
  | 'ident' // [a-z][._0-9a-z]*
  | 'number' // [0-9][0-9a-fx]* (kept as written; xl converts with strtol base 0 later)
  | 'string' // "..." or '...', one line
  | '=' | '+=' | ',' | '[' | ']' | ';'
  | 'newline' // "\n"
  | 'comment' // "#" up to and including "\n" (libxlutil's NEWLINE token)
  | 'blank' // spaces and tabs
  | 'illegal' // libxlutil's "lexical error" run: an illegal byte and the non-blank bytes after it
  | 'eof-byte'; // a single illegal byte at the very end of the file, which libxlutil ignores

export interface Token {
  type: 'token';
  kind: TokenKind;
  start: number;
  end: number;
}

export interface ErrorNode {
  type: 'error';
  start: number;
  end: number;
  /** The parser state Xen was in when it met the offending token (see syntax/messages.ts). */
  state: 'statement' | 'after-name' | 'after-op' | 'after-value' | 'list' | 'list-unclosed';
  /** The token Xen complains about; null when it is the one after this node (or the end). */
  at: Token | null;
  /** Where to show the error when it is not at `at` (an unclosed list: its `[`). */
  anchor?: { start: number; end: number };
  /** Tokens skipped by recovery (possibly none for a missing piece). */
  children: Token[];
}

export interface AtomNode {
  type: 'atom';
  start: number;
  end: number;
  token: Token; // kind 'string' or 'number'
}

export interface ListNode {
  type: 'list';
  start: number;
  end: number;
  /** '[' , items, ',', trivia, error nodes and ']' (if present), in order. */
  children: Array<Token | ValueNode | ErrorNode>;
  items: ValueNode[];
  /** False when the list has no closing bracket (recovered). */
  closed: boolean;
}

export type ValueNode = AtomNode | ListNode;

export interface AssignmentNode {
  type: 'assignment';
  start: number;
  end: number;
  name: Token;
  op: Token | null;
  value: ValueNode | null;
  children: Array<Token | ValueNode | ErrorNode>;
}

export interface DocumentNode {
  type: 'document';
  start: number;
  end: number;
  children: Array<Token | AssignmentNode | ErrorNode>;
}

export type SyntaxNode = DocumentNode | AssignmentNode | ListNode | AtomNode | ErrorNode | Token;

/** A scalar value: libxlutil stores STRING and NUMBER tokens alike, as text. */
export interface StringValue {
  kind: 'string';
  /** The value xl sees: dequoted, decoded from the file's bytes as UTF-8. */
  value: string;
  /** Which token it came from: a quoted string or a bare number. */
  token: 'string' | 'number';
  start: number;
  end: number;
}

export interface ListValue {
  kind: 'list';
  items: Value[];
  start: number;
  end: number;
}

export type Value = StringValue | ListValue;

export interface Setting {
  name: string;
  op: '=' | '+=';
  /** 1-based line of the value's first token, as libxlutil records it. */
  line: number;
  value: Value;
  /** The whole assignment, the key and the value. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  /** False when Xen would not store this assignment (it follows the first error, or its += failed). */
  stored: boolean;
  /** For +=: the value after concatenation onto the earlier setting (what a lookup returns). */
  accumulated?: Value;
  /** A `+=` that mixed a list and a string: Xen refuses it and lookups never see it. */
  failed?: boolean;
}

export interface SyntaxError {
  /** Stable slug, e.g. `unterminated-string`. */
  code: string;
  /** What a person needs to know, in our words. */
  message: string;
  start: number;
  end: number;
  /** The line Xen reports for this error (with its off-by-one for errors at a newline). */
  xenLine: number;
  /** Xen's own message text (without the file and line prefix), when Xen reports this error. */
  xenMessage?: string;
  /** Quick fixes for this error. */
  fixes?: import('../findings').Fix[];
}

export interface SyntaxWarning {
  code: string;
  message: string;
  start: number;
  end: number;
  fixes?: import('../findings').Fix[];
}
