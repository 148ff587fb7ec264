// Parses an xl.cfg file exactly as libxlutil does (accept/reject, stored settings, values,
// lines, Xen's own messages) and, beyond Xen, keeps every byte in a tree, recovers at the next
// line, and explains each error with a precise range.

import { parse as pegParse } from '../../generated/xlcfg';
import { byteViewOf, bytesToText, type ByteView } from './bytes';
import { dequote } from './dequote';
import { describeError, describeDequote, type ErrorState } from './messages';
import { replayXen } from './xen-report';
import { scan, KIND_OF_SYMBOL, type Tokens } from './lexer';
import type {
  AssignmentNode,
  DocumentNode,
  ErrorNode,
  ListNode,
  Setting,
  StringValue,
  SyntaxError,
  SyntaxWarning,
  Token,
  Value,
  ValueNode,
} from './tree';

export interface ParsedConfig {
  /** The document text; every offset below is a UTF-16 offset into it. */
  text: string;
  tree: DocumentNode;
  /** Every complete assignment in file order (also those Xen drops after an error). */
  settings: Setting[];
  /** Every error, in file order. Xen rejects the file when there is at least one. */
  errors: SyntaxError[];
  /** Things Xen accepts but that do not do what they seem to. */
  warnings: SyntaxWarning[];
  /** Xen's verdict: the file parses. */
  ok: boolean;
  /** libxlutil aborts (SIGABRT) on this file: a NUL byte inside a string. */
  crashes: boolean;
  /** Xen adds its "looks like Python" warning to the errors. */
  looksLikePython: boolean;
  /** What libxlutil prints, `LINE: message` without the file name (best effort after the first). */
  xenReport: Array<{ line: number | null; message: string }>;
}

interface Walk {
  errors: ErrorNode[];
  assignments: AssignmentNode[];
}

/** Collects the assignments and the error nodes (structure only, not the leaf tokens). */
function walk(tree: DocumentNode): Walk {
  const w: Walk = { errors: [], assignments: [] };
  const visit = (n: AssignmentNode['children'][number]): void => {
    if (n.type === 'error') w.errors.push(n);
    else if (n.type === 'list') for (const c of n.children) visit(c);
  };
  for (const c of tree.children) {
    if (c.type === 'assignment') {
      w.assignments.push(c);
      for (const k of c.children) visit(k);
    } else if (c.type === 'error') w.errors.push(c);
  }
  return w;
}

/** Deeper lists than this are not parsed (the recursive-descent parser would run out of stack). */
export const MAX_LIST_DEPTH = 1000;

export function parseConfig(input: string | Uint8Array): ParsedConfig {
  const bv = byteViewOf(input);
  let tree: DocumentNode;
  let depthCut: number | undefined;
  const tokens = scan(bv.bytes);
  let treeTokens = tokens;
  try {
    tree = parseTokens(tokens, bv.bytes.length);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // Absurdly deep lists exhaust the JavaScript stack of the recursive-descent parser: the
    // tree stops there (the text after the cut is read as blanks), while Xen's verdict still
    // comes from the replay over every token.
    depthCut = findDepthCut(bv.bytes);
    treeTokens = scan(blankFrom(bv.bytes, depthCut));
    tree = parseTokens(treeTokens, bv.bytes.length);
  }
  return build(bv, tree, tokens, treeTokens, depthCut);
}

function parseTokens(tokens: Tokens, length: number): DocumentNode {
  return pegParse(tokens.symbols, { startRule: 'Document', tokens, length }) as DocumentNode;
}

class Lines {
  private readonly starts: number[] = [0];
  constructor(bytes: string) {
    for (let i = bytes.indexOf('\n'); i >= 0; i = bytes.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line of a byte offset, counting "\n" only (as flex does). */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

interface RawError {
  pos: number; // where Xen raises it (byte offset), for ordering and "stored"
  start: number;
  end: number;
  code: string;
  message: string;
  xenLine: number;
  /** Xen's message for errors the replay does not word itself (deep lists). */
  xenMessage?: string;
  fixes?: SyntaxError['fixes'];
}

function build(bv: ByteView, tree: DocumentNode, tokens: Tokens, treeTokens: Tokens, depthCut: number | undefined): ParsedConfig {
  const bytes = bv.bytes;
  const lines = new Lines(bytes);
  const w = walk(tree);
  const raw: RawError[] = [];
  const warnings: SyntaxWarning[] = [];

  const replay = replayXen(bytes, tokens, (o) => lines.lineOf(o));
  const tokenAt = (i: number): Token => ({ type: 'token', kind: KIND_OF_SYMBOL[treeTokens.symbols[i]], start: treeTokens.starts[i], end: treeTokens.ends[i] });
  // The first token at or after `offset` that bison would look at (no blanks; in a list, no
  // newlines either), or null at the end of input.
  const nextToken = (offset: number, skipNewlines: boolean): Token | null => {
    let lo = 0;
    let hi = treeTokens.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (treeTokens.starts[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < treeTokens.count; i++) {
      const k = treeTokens.symbols[i];
      if (k === 'b' || k === 'e') continue;
      if (skipNewlines && (k === 'l' || k === 'c')) continue;
      return tokenAt(i);
    }
    return null;
  };

  // Syntax and lexical errors from the tree.
  for (const e of w.errors) {
    const state: ErrorState = e.state;
    let at: Token | null = e.at;
    if (!at) at = nextToken(e.end, state === 'list-unclosed');
    const d = describeError(state, at, bytes, e, tree);
    const isNl = at && (at.kind === 'newline' || at.kind === 'comment');
    const unadjusted = at ? lines.lineOf(at.start) : replay.endLine;
    raw.push({
      pos: at ? at.start : bytes.length,
      start: d.start,
      end: d.end,
      code: d.code,
      message: d.message,
      xenLine: isNl ? unadjusted - 1 : unadjusted,
      fixes: d.fixes,
    });
  }

  // Dequote every string token, as the lexer does when it scans one.
  const values = new Map<number, string>(); // token start → dequoted bytes
  for (let ti = 0; ti < treeTokens.count; ti++) {
    const sym = treeTokens.symbols[ti];
    if (sym !== 's' && sym !== 'e') continue;
    const t = tokenAt(ti);
    if (t.kind === 'eof-byte') {
      warnings.push({
        code: 'ignored-last-byte',
        message:
          `xl ignores this \`${printable(bytes[t.start])}\` only because it is the very last byte of the file (a libxlutil lexer quirk); ` +
          'with anything after it, even a newline, xl rejects the file. Delete it.',
        start: t.start,
        end: t.end,
        fixes: [{ title: 'Delete the stray last byte', edits: [{ start: t.start, end: t.end, newText: '' }], isPreferred: true }],
      });
      continue;
    }
    if (t.kind !== 'string') continue;
    const r = dequote(bytes, t.start, t.end);
    for (const v of r.vanished) {
      warnings.push({
        code: 'vanishing-digit-escape',
        message:
          `\`${bytes.slice(v.at, v.end)}\` inserts nothing: libxlutil reads a backslash and digits as a number and then drops it (all Xen releases), ` +
          'so the value lacks whatever character you meant. Write the character itself.',
        start: v.at,
        end: v.end,
      });
    }
    if (r.problem) {
      const d = describeDequote(r.problem, bytes, t);
      const line = lines.lineOf(t.start);
      raw.push({
        pos: t.start,
        start: d.start,
        end: d.end,
        code: d.code,
        message: d.message,
        xenLine: line,
        fixes: d.fixes,
      });
    } else if (r.value.length !== t.end - t.start - 2) {
      // Only strings whose value differs from their text need remembering (escapes).
      values.set(t.start, r.value);
    }
  }

  if (depthCut !== undefined) {
    // The tree stops at the cut; Xen's own verdict comes from the replay, which has no depth
    // limit of its own but models bison's.
    const line = lines.lineOf(depthCut);
    if (replay.exhausted) {
      const r = replay.report.find((x) => x.message.endsWith('memory exhausted'));
      raw.push({
        pos: r ? r.pos : depthCut,
        start: depthCut,
        end: Math.min(depthCut + 1, bytes.length),
        code: 'list-too-deep',
        message:
          'Lists nested about 5,000 levels deep exhaust the parser stack of libxlutil ("memory exhausted"): xl rejects the whole file. ' +
          'No xl key takes lists nested more than two levels deep; remove the extra brackets.',
        xenLine: r?.line ?? line,
        xenMessage: r?.message ?? 'config parsing error near `[\': memory exhausted',
      });
    } else {
      warnings.push({
        code: 'list-too-deep',
        message:
          `Lists nested more than ${MAX_LIST_DEPTH} levels deep: xlcfg does not analyse the file past this point (xl itself accepts up to 4,996 levels). ` +
          'No xl key takes lists nested more than two levels deep; remove the extra brackets.',
        start: depthCut,
        end: Math.min(depthCut + 1, bytes.length),
      });
    }
  }

  // Settings, with `+=` applied in file order.
  const settings: Setting[] = [];
  const latest = new Map<string, Setting>();
  for (const a of w.assignments) {
    if (!a.value || !a.op) continue;
    const value = toValue(a.value, bytes, values);
    const s: Setting = {
      name: bytes.slice(a.name.start, a.name.end),
      op: a.op.kind === '+=' ? '+=' : '=',
      line: lines.lineOf(a.value.start),
      value,
      start: a.start,
      end: a.end,
      nameStart: a.name.start,
      nameEnd: a.name.end,
      stored: true,
    };
    // Xen only stores (and so only concatenates) an assignment whose value it finished reading.
    if (s.op === '+=' && !brokenValue(a.value)) {
      const prev = latest.get(s.name);
      if (prev) {
        // A stored `+=` has the kind of what it was added to, so the previous value's own kind
        // tells (without building the concatenation).
        if (prev.value.kind !== value.kind) {
          s.failed = true;
          const last = lastTokenOf(a.value);
          const line = lines.lineOf(last.start);
          const what = value.kind === 'list' ? 'a list onto a string' : 'a string onto a list';
          raw.push({
            pos: last.start,
            start: a.op.start,
            end: a.value.end,
            code: 'plus-equals-type-mismatch',
            message:
              `\`${s.name} +=\` adds ${what} (set on line ${prev.line}): xl refuses the whole file ("can't add [list] to \"string\""). ` +
              'Use the same kind of value as the earlier setting, or `=` to replace it.',
            xenLine: line,
          });
        } else {
          defineAccumulated(s, prev);
        }
      }
    }
    if (!s.failed) latest.set(s.name, s);
    settings.push(s);
  }

  if (depthCut !== undefined) {
    // Errors at or after the cut are artefacts of the blanked text (lists left open).
    for (let i = raw.length - 1; i >= 0; i--) if (raw[i].pos >= depthCut && raw[i].code !== 'list-too-deep') raw.splice(i, 1);
  }
  if (depthCut !== undefined && !replay.ok && raw.length === 0) {
    // Xen rejects the file for a reason past the cut: report it in Xen's words.
    const r = replay.report.find((x) => x.line !== null);
    raw.push({
      pos: r ? r.pos : depthCut,
      start: depthCut,
      end: Math.min(depthCut + 1, bytes.length),
      code: 'xl-rejects-past-deep-list',
      message: `xl rejects the whole file past these deeply nested lists: ${r ? `line ${r.line}: ${r.message}` : 'its parser fails'}.`,
      xenLine: r?.line ?? lines.lineOf(depthCut),
      xenMessage: r?.message ?? '',
    });
  }
  raw.sort((a, b) => a.pos - b.pos || a.start - b.start);
  for (const st of settings) st.stored = !st.failed && replay.stored.has(st.nameStart);
  const xenAt = new Map<number, string>();
  for (const r of replay.report) if (r.line !== null && !xenAt.has(r.pos)) xenAt.set(r.pos, r.message);

  const errors: SyntaxError[] = raw.map((r) => ({
    code: r.code,
    message: r.message,
    start: r.start,
    end: r.end,
    xenLine: r.xenLine,
    xenMessage: xenAt.get(r.pos) ?? r.xenMessage,
    fixes: r.fixes,
  }));

  const result: ParsedConfig = {
    text: bv.text,
    tree,
    settings,
    errors,
    warnings,
    ok: raw.length === 0 && replay.ok,
    crashes: replay.crashed,
    looksLikePython: replay.python,
    xenReport: replay.report.map((r) => ({ line: r.line, message: r.message })),
  };
  if (!bv.ascii) remapOffsets(result, bv);
  return result;
}

// ---------------------------------------------------------------------------------------

// The file's bytes of each string value that is not plain ASCII (its text is their UTF-8
// decoding), for `+=`, which joins bytes before anything decodes them.
const valueBytes = new WeakMap<StringValue, string>();

function toValue(node: ValueNode, bytes: string, values: Map<number, string>): Value {
  if (node.type === 'atom') {
    const t = node.token;
    const isString = t.kind === 'string';
    const raw = isString ? (values.get(t.start) ?? bytes.slice(t.start + 1, t.end - 1)) : bytes.slice(t.start, t.end);
    const v: StringValue = { kind: 'string', value: bytesToText(raw), token: isString ? 'string' : 'number', start: t.start, end: t.end };
    if (v.value !== raw) valueBytes.set(v, raw);
    return v;
  }
  return { kind: 'list', items: node.items.map((i) => toValue(i, bytes, values)), start: node.start, end: node.end };
}

// A list with a recovered error inside (or no closing bracket) was never reduced by Xen's
// parser, so never stored nor concatenated.
function brokenValue(node: ValueNode): boolean {
  if (node.type === 'atom') return false;
  if (!node.closed) return true;
  return node.children.some((c) => c.type === 'error' || (c.type === 'list' && brokenValue(c)));
}

// `+=` chains can be long (one line per item): the concatenated value is built only when
// asked for, by walking back the chain once (stopping at a value already built), so the
// lookup xl makes — the last setting — costs time linear in the chain.
const previousInChain = new WeakMap<Setting, Setting>();
const built = new WeakMap<Setting, Value>();

function defineAccumulated(s: Setting, prev: Setting): void {
  previousInChain.set(s, prev);
  Object.defineProperty(s, 'accumulated', {
    enumerable: true,
    configurable: true,
    get: () => accumulate(s),
    set: (v: Value) => void built.set(s, v),
  });
}

function accumulate(s: Setting): Value {
  const done = built.get(s);
  if (done) return done;
  const parts: Value[] = [];
  let p: Setting | undefined = s;
  let base: Value | undefined;
  while (p) {
    const ready = p === s ? undefined : built.get(p);
    if (ready) {
      base = ready;
      break;
    }
    const before = previousInChain.get(p);
    if (!before) {
      base = p.value;
      break;
    }
    parts.push(p.value);
    p = before;
  }
  parts.push(base!);
  parts.reverse();
  let result: Value;
  if (s.value.kind === 'string') {
    // libxlutil concatenates bytes: halves of one UTF-8 character join into that character.
    const joined = parts.map((v) => valueBytes.get(v as StringValue) ?? (v as StringValue).value).join('');
    result = { ...s.value, value: bytesToText(joined) };
    if (result.value !== joined) valueBytes.set(result, joined);
  } else {
    result = { ...s.value, items: parts.flatMap((v) => (v.kind === 'list' ? v.items : [])) };
  }
  built.set(s, result);
  return result;
}

function lastTokenOf(node: ValueNode): Token {
  if (node.type === 'atom') return node.token;
  for (let i = node.children.length - 1; i >= 0; i--) {
    const c = node.children[i];
    if (c.type === 'token' && c.kind !== 'blank' && c.kind !== 'newline' && c.kind !== 'comment') return c;
    if (c.type === 'atom' || c.type === 'list') return lastTokenOf(c);
  }
  return node.children[0] as Token;
}


function printable(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code >= 0x80) return `byte 0x${code.toString(16)}`;
  return c;
}

// A stack overflow means absurdly deep lists: find where the nesting passes the limit.
function findDepthCut(bytes: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote || c === '\n') quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#') {
      const nl = bytes.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if (c === '[') {
      if (++depth > MAX_LIST_DEPTH) return i;
    } else if (c === ']') depth = Math.max(0, depth - 1);
  }
  return 0;
}

// Keeps offsets and line breaks, drops everything from `at` on.
function blankFrom(bytes: string, at: number): string {
  return bytes.slice(0, at) + bytes.slice(at).replace(/[^\n]/g, ' ');
}

function remapOffsets(p: ParsedConfig, bv: ByteView): void {
  const seen = new Set<object>();
  const fix = (o: { start: number; end: number }) => {
    if (seen.has(o)) return;
    seen.add(o);
    o.start = bv.toText(o.start);
    o.end = bv.toText(o.end);
  };
  const visitNode = (n: any): void => {
    if (!n || typeof n !== 'object' || seen.has(n)) return;
    if (typeof n.start === 'number') fix(n);
    if (n.children) for (const c of n.children) visitNode(c);
    if (n.token) visitNode(n.token);
    if (n.at) visitNode(n.at);
  };
  visitNode(p.tree);
  const visitValue = (v: Value): void => {
    fix(v);
    if (v.kind === 'list') v.items.forEach(visitValue);
  };
  for (const s of p.settings) {
    const sObj = s as Setting & { __n?: boolean };
    s.start = bv.toText(s.start);
    s.end = bv.toText(s.end);
    s.nameStart = bv.toText(s.nameStart);
    s.nameEnd = bv.toText(s.nameEnd);
    visitValue(s.value);
    if (s.accumulated) visitValue(s.accumulated);
    void sObj;
  }
  for (const e of [...p.errors, ...p.warnings]) {
    e.start = bv.toText(e.start);
    e.end = bv.toText(e.end);
    for (const f of e.fixes ?? []) for (const ed of f.edits) fix(ed);
  }
}
