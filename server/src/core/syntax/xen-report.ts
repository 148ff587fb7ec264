// What libxlutil itself prints for a file, and which assignments it stores: a replay of its
// bison parser (LALR with default reductions, `stmt: error NEWLINE` recovery) over the token
// stream, with libxlutil's reporting rules:
// - a lexical error remembers its line, and every later message whose line is not after it
//   is dropped ("one message per line");
// - after a syntax error bison stays silent until three tokens have been shifted;
// - an error right after a complete top-level value makes bison give up on the file;
// - once any error happened, the lexer stops copying strings (so no more dequoting errors)
//   and no assignment is stored any more.

import type { Token } from './tree';
import { dequote } from './dequote';
import { KIND_OF_SYMBOL, type Tokens } from './lexer';

const TOKEN_NAME: Record<string, string> = {
  ident: 'IDENT',
  number: 'NUMBER',
  string: 'STRING',
  newline: 'NEWLINE',
  comment: 'NEWLINE',
  '+=': '+=',
  '=': "'='",
  ',': "','",
  '[': "'['",
  ']': "']'",
  ';': "';'",
};

type State = 'stmt' | 'name' | 'op' | 'value' | 'list-open' | 'list-item' | 'recover';

const EXPECTING: Record<Exclude<State, 'recover'>, string> = {
  stmt: ", expecting $end or IDENT or NEWLINE or ';'",
  name: ", expecting += or '='",
  op: ", expecting STRING or NUMBER or '['",
  value: ', expecting $end',
  'list-open': ", expecting ']'",
  'list-item': ", expecting ']'",
};

export interface XenReportLine {
  /** Line as libxlutil prints it; null for the "looks like Python" lines. */
  line: number | null;
  message: string;
  /** Byte offset of the token the message is about (end of input for $end). */
  pos: number;
}

export interface XenReplay {
  ok: boolean;
  report: XenReportLine[];
  /** Byte offsets of the name tokens of the assignments libxlutil stored. */
  stored: Set<number>;
  /** The `+=` assignments whose store failed (list onto string or the reverse). */
  failedPlusEquals: Set<number>;
  python: boolean;
  /** The line bison gives the end of input (the last token it was handed). */
  endLine: number;
}

interface Stored {
  kind: 'string' | 'list';
}

/**
 * @param tokens every token of the file in order (as the grammar produced them)
 * @param lineOf 1-based line of a byte offset
 */
export function replayXen(bytes: string, table: Tokens, lineOf: (offset: number) => number): XenReplay {
  const report: XenReportLine[] = [];
  const stored = new Set<number>();
  const failedPlusEquals = new Set<number>();
  let err = false;
  let lexErrLine = 0;
  let python = false;
  let errStatus = 0;
  let state: State = 'stmt';
  let depth = 0;
  let lastLine = 1;
  let nameTok: Token | null = null;
  let opTok: Token | null = null;
  let valueKind: 'string' | 'list' = 'string';
  let lastShifted: Token | null = null;
  const kinds = new Map<string, Stored>();

  const say = (line: number, unadjusted: number, message: string, pos: number): void => {
    if (unadjusted <= lexErrLine) return;
    report.push({ line, message, pos });
  };

  const nearText = (t: Token | null): string => {
    if (!t) return "`'";
    let text = bytes.slice(t.start, t.end);
    if (text.endsWith('\n')) {
      text = text.slice(0, -1).replace(/[ \t]+$/, '');
      return text.length ? `\`${text}'` : '<newline>';
    }
    return `\`${text.replace(/[ \t]+$/, '')}'`;
  };

  const syntaxError = (t: Token | null): void => {
    if (errStatus === 0) {
      const isNl = !!t && (t.kind === 'newline' || t.kind === 'comment');
      const unadjusted = lastLine;
      const msg = `config parsing error near ${nearText(t)}: syntax error, unexpected ${t ? TOKEN_NAME[t.kind] : '$end'}${EXPECTING[state as Exclude<State, 'recover'>]}`;
      say(isNl ? unadjusted - 1 : unadjusted, unadjusted, msg, t ? t.start : bytes.length);
    }
    err = true;
  };

  // The assignment is reduced (default reduction) as soon as its value is complete.
  const reduceAssignment = (): void => {
    if (!nameTok || !opTok) return;
    if (err) return;
    const name = bytes.slice(nameTok.start, nameTok.end);
    const prev = kinds.get(name);
    if (opTok.kind === '+=' && prev && prev.kind !== valueKind) {
      const t = lastShifted!;
      const line = lineOf(t.start);
      say(line, line, `config parsing error near ${nearText(t)}: can't add [list] to "string" or vice versa`, t.start);
      lexErrLine = line;
      err = true;
      failedPlusEquals.add(nameTok.start);
      return;
    }
    kinds.set(name, { kind: valueKind });
    stored.add(nameTok.start);
  };

  const shift = (t: Token): void => {
    if (errStatus > 0) errStatus--;
    lastShifted = t;
  };

  let aborted = false;
  // Returns true when the token was consumed, false when it must be looked at again.
  const step = (t: Token | null): boolean => {
    const k = t ? t.kind : '$end';
    const isNl = k === 'newline' || k === 'comment';
    switch (state) {
      case 'stmt':
        if (k === '$end') return true;
        if (k === 'ident') {
          shift(t!);
          nameTok = t;
          state = 'name';
          return true;
        }
        if (isNl || k === ';') {
          shift(t!);
          return true;
        }
        break;
      case 'name':
        if (k === '=' || k === '+=') {
          shift(t!);
          opTok = t;
          state = 'op';
          return true;
        }
        break;
      case 'op':
        if (k === 'string' || k === 'number') {
          shift(t!);
          valueKind = 'string';
          reduceAssignment();
          state = 'value';
          return true;
        }
        if (k === '[') {
          shift(t!);
          valueKind = 'list';
          depth = 1;
          state = 'list-open';
          return true;
        }
        break;
      case 'value':
        if (k === '$end') return true;
        if (isNl || k === ';') {
          shift(t!);
          state = 'stmt';
          return true;
        }
        // Bison reduces to `file` by default here; no state below accepts `error`: it gives up.
        syntaxError(t);
        aborted = true;
        return true;
      case 'list-open':
      case 'list-item':
        if (isNl) {
          shift(t!);
          return true;
        }
        if (k === ']') {
          shift(t!);
          depth--;
          if (depth === 0) {
            reduceAssignment();
            state = 'value';
          } else state = 'list-item';
          return true;
        }
        if (state === 'list-open' && (k === 'string' || k === 'number')) {
          shift(t!);
          state = 'list-item';
          return true;
        }
        if (state === 'list-open' && k === '[') {
          shift(t!);
          depth++;
          return true;
        }
        if (state === 'list-item' && k === ',') {
          shift(t!);
          state = 'list-open';
          return true;
        }
        break;
      case 'recover':
        // `stmt: error . NEWLINE`
        if (isNl) {
          shift(t!);
          state = 'stmt';
          return true;
        }
        if (k === '$end') {
          aborted = true;
          return true;
        }
        // Discard the token silently (errStatus is 3 here).
        return true;
    }
    // A syntax error in a state below which `stmts` accepts `error`.
    const wasRecovering = errStatus === 3;
    syntaxError(t);
    if (wasRecovering) {
      if (k === '$end') {
        aborted = true;
        return true;
      }
      errStatus = 3;
      state = 'recover';
      return true; // discarded
    }
    errStatus = 3;
    state = 'recover';
    nameTok = null;
    opTok = null;
    return false; // look at the same token in the recovery state
  };

  // Line of the newline token the lexer returns together with a lexical error (see below).
  let newlineLocFromLexErr = -1;
  for (let ti = 0; ti < table.count; ti++) {
    if (aborted) break;
    const sym = table.symbols[ti];
    if (sym === 'e' || sym === 'b') continue;
    // A reusable token record: the replay only keeps the name and operator tokens of the
    // assignment it is reading and the last shifted one, so it copies those.
    const t: Token = { type: 'token', kind: KIND_OF_SYMBOL[sym], start: table.starts[ti], end: table.ends[ti] };
    if (t.kind === 'illegal') {
      if ('+-.():'.includes(bytes[t.start])) python = true;
      const line = lineOf(t.start);
      if (t.end - t.start === 1 && bytes[t.end] === '\n') {
        // A lone illegal byte right before "\n": the lexer's error state matches the newline
        // with it, so the error is raised with the line counter already on the next line
        // (printed one less, as for any text ending in a newline), that next line becomes the
        // "lexical error line", and the newline token carries it too.
        say(line, line + 1, `config parsing error near \`${bytes[t.start]}': lexical error`, t.start);
        lexErrLine = line + 1;
        newlineLocFromLexErr = t.end;
      } else {
        say(line, line, `config parsing error near \`${bytes.slice(t.start, t.end)}': lexical error`, t.start);
        lexErrLine = line;
      }
      err = true;
      continue;
    }
    // Where bison places the token (yylloc): its line, but one less for a plain newline
    // token, whose rule subtracts one again.
    const isNl = t.kind === 'newline' || t.kind === 'comment';
    lastLine = isNl ? (t.start === newlineLocFromLexErr ? lineOf(t.start) + 1 : lineOf(t.start)) : lineOf(t.start);
    if (t.kind === 'string' && !err) {
      const d = dequote(bytes, t.start, t.end);
      if (d.problem) {
        const line = lineOf(t.start);
        const near = `config parsing error near \`${bytes.slice(t.start, t.end)}'`;
        const what =
          d.problem.kind === 'hex-escape'
            ? 'invalid digit after backslash hexnumerical character escape in quoted string'
            : d.problem.kind === 'digit-escape-short'
              ? 'invalid digit after backslash octalnumerical character escape in quoted string'
              : d.problem.kind === 'unknown-escape'
                ? 'invalid character after backlash in quoted string'
                : 'NUL byte in a quoted string (libxlutil assertion; xl is killed by SIGABRT)';
        say(line, line, `${near}: ${what}`, t.start);
        lexErrLine = line;
        err = true;
        if (d.problem.kind === 'nul') {
          aborted = true;
          break;
        }
      }
    }
    while (!step(t)) {
      /* re-examine the same token */
    }
  }
  if (!aborted) {
    while (!step(null)) {
      /* $end */
    }
  }
  if (err && python) {
    report.push({ line: null, message: 'warning: Config file looks like it contains Python code.', pos: bytes.length });
    report.push({ line: null, message: 'warning:  Arbitrary Python is no longer supported.', pos: bytes.length });
    report.push({ line: null, message: 'warning:  See https://wiki.xen.org/wiki/PythonInXlConfig', pos: bytes.length });
  }
  return { ok: !err, report, stored, failedPlusEquals, python: err && python, endLine: lastLine };
}
