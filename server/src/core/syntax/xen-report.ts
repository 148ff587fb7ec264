// What libxlutil itself prints for a file, and which assignments it stores: a replay of its
// bison parser (LALR with default reductions, `stmt: error NEWLINE` recovery) over the token
// stream, with libxlutil's reporting rules:
// - a lexical error remembers its line, and every later message whose line is not after it
//   is dropped ("one message per line");
// - after a syntax error bison stays silent until three tokens have been shifted;
// - an error right after a complete top-level value makes bison give up on the file;
// - once any error happened, the lexer stops copying strings (so no more dequoting errors)
//   and no assignment is stored any more.

import { dequote } from './dequote';
import { bytesToText } from './bytes';
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
  /** libxlutil's dequoting met a NUL byte and failed an assertion: xl dies with SIGABRT. */
  crashed: boolean;
  /** Lists nested so deep that bison's stack ran out ("memory exhausted"). */
  exhausted: boolean;
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
  const { symbols, starts, ends } = table;
  const report: XenReportLine[] = [];
  const stored = new Set<number>();
  const failedPlusEquals = new Set<number>();
  let err = false;
  let lexErrLine = 0;
  let python = false;
  let errStatus = 0;
  let state: State = 'stmt';
  let depth = 0;
  // The last token handed to bison (its yylloc is where $end is reported), as an index.
  let lastTok = -1;
  // Index of the newline token the lexer returned together with a lexical error (see below).
  let newlineFromLexErr = -1;
  let nameTok = -1;
  let opTok = -1;
  let valueKind: 'string' | 'list' = 'string';
  let lastShifted = -1;
  const kinds = new Map<string, Stored>();

  // yylloc of token i: its line, except that a newline token's rule sets the line before it
  // (so errors at it print one less again) and one returned with a lexical error carries the
  // line counter as it was after the newline.
  const locLine = (i: number): number => {
    if (i < 0) return 1;
    return i === newlineFromLexErr ? lineOf(starts[i]) + 1 : lineOf(starts[i]);
  };

  // libxlutil prints with %.*s, which stops at a NUL byte; the report is text, so the bytes
  // of the quoted token are decoded as UTF-8.
  const say = (line: number, unadjusted: number, message: string, pos: number): void => {
    if (unadjusted <= lexErrLine) return;
    report.push({ line, message: bytesToText(message), pos });
  };
  const upToNul = (text: string): string => {
    const z = text.indexOf('\0');
    return z < 0 ? text : text.slice(0, z);
  };

  const nearText = (i: number): string => {
    if (i < 0) return eofByte >= 0 ? `\`${upToNul(bytes[starts[eofByte]])}'` : "`'";
    let text = upToNul(bytes.slice(starts[i], ends[i]));
    if (text.endsWith('\n')) {
      text = text.slice(0, -1).replace(/[ \t]+$/, '');
      return text.length ? `\`${text}'` : '<newline>';
    }
    return `\`${text.replace(/[ \t]+$/, '')}'`;
  };

  const syntaxError = (i: number): void => {
    if (errStatus === 0) {
      const k = i < 0 ? '' : symbols[i];
      const isNl = k === 'l' || k === 'c';
      const unadjusted = locLine(i < 0 ? lastTok : i);
      const msg = `config parsing error near ${nearText(i)}: syntax error, unexpected ${i < 0 ? '$end' : TOKEN_NAME[KIND_OF_SYMBOL[k]]}${EXPECTING[state as Exclude<State, 'recover'>]}`;
      say(isNl ? unadjusted - 1 : unadjusted, unadjusted, msg, i < 0 ? bytes.length : starts[i]);
    }
    err = true;
  };

  // The assignment is reduced (default reduction) as soon as its value is complete.
  const reduceAssignment = (): void => {
    if (nameTok < 0 || opTok < 0 || err) return;
    const name = bytes.slice(starts[nameTok], ends[nameTok]);
    const prev = kinds.get(name);
    if (symbols[opTok] === '+' && prev && prev.kind !== valueKind) {
      const line = lineOf(starts[lastShifted]);
      say(line, line, `config parsing error near ${nearText(lastShifted)}: can't add [list] to "string" or vice versa`, starts[lastShifted]);
      lexErrLine = line;
      err = true;
      failedPlusEquals.add(starts[nameTok]);
      return;
    }
    kinds.set(name, { kind: valueKind });
    stored.add(starts[nameTok]);
  };

  const shift = (i: number): void => {
    if (errStatus > 0) errStatus--;
    lastShifted = i;
  };

  let aborted = false;
  let crashed = false;
  let exhausted = false;
  // Bison's state stack holds at most YYMAXDEPTH (10,000) entries. Each open list costs two
  // (its '[' and an empty `nlok`), on top of four for `key =`; a token needing more room than
  // is left ends the parse with "memory exhausted" (from 4,998 open brackets, or 4,997 with
  // something inside; measured against Debian's libxlutil 4.17).
  const STACK_LIMIT = 10000;
  const roomFor = (i: number, extra: number): boolean => {
    if (4 + 2 * depth + extra < STACK_LIMIT) return true;
    const line = locLine(i);
    const isNl = symbols[i] === 'l' || symbols[i] === 'c';
    say(isNl ? line - 1 : line, line, `config parsing error near ${nearText(i)}: memory exhausted`, starts[i]);
    err = true;
    exhausted = true;
    aborted = true;
    return false;
  };
  // Feeds token i (-1 for $end) to the parser. Returns false when the same token must be
  // looked at again (after an error, in the recovery state).
  const step = (i: number): boolean => {
    const k = i < 0 ? '$' : symbols[i];
    const isNl = k === 'l' || k === 'c';
    switch (state) {
      case 'stmt':
        if (k === '$') return true;
        if (k === 'i') {
          shift(i);
          nameTok = i;
          state = 'name';
          return true;
        }
        if (isNl || k === ';') {
          shift(i);
          return true;
        }
        break;
      case 'name':
        if (k === '=' || k === '+') {
          shift(i);
          opTok = i;
          state = 'op';
          return true;
        }
        break;
      case 'op':
        if (k === 's' || k === 'n') {
          shift(i);
          valueKind = 'string';
          reduceAssignment();
          state = 'value';
          return true;
        }
        if (k === '[') {
          shift(i);
          valueKind = 'list';
          depth = 1;
          state = 'list-open';
          return true;
        }
        break;
      case 'value':
        if (k === '$') return true;
        if (isNl || k === ';') {
          shift(i);
          state = 'stmt';
          return true;
        }
        // Bison reduces to `file` by default here; no state below accepts `error`: it gives up.
        syntaxError(i);
        aborted = true;
        return true;
      case 'list-open':
      case 'list-item':
        if (isNl) {
          if (!roomFor(i, 1)) return true;
          shift(i);
          return true;
        }
        if (k === ']') {
          if (!roomFor(i, state === 'list-open' ? 2 : 1)) return true;
          shift(i);
          depth--;
          if (depth === 0) {
            reduceAssignment();
            state = 'value';
          } else state = 'list-item';
          return true;
        }
        if (state === 'list-open' && (k === 's' || k === 'n')) {
          if (!roomFor(i, 2)) return true;
          shift(i);
          state = 'list-item';
          return true;
        }
        if (state === 'list-open' && k === '[') {
          depth++;
          if (!roomFor(i, 0)) return true;
          shift(i);
          return true;
        }
        if (state === 'list-item' && k === ',') {
          if (!roomFor(i, 2)) return true;
          shift(i);
          state = 'list-open';
          return true;
        }
        break;
      case 'recover':
        // `stmt: error . NEWLINE`
        if (isNl) {
          shift(i);
          state = 'stmt';
          return true;
        }
        if (k === '$') aborted = true;
        // Otherwise the token is discarded silently (errStatus is 3 here).
        return true;
    }
    // A syntax error in a state below which `stmts` accepts `error`.
    const wasRecovering = errStatus === 3;
    syntaxError(i);
    errStatus = 3;
    state = 'recover';
    nameTok = -1;
    opTok = -1;
    if (wasRecovering) {
      if (k === '$') aborted = true;
      return true; // discarded
    }
    return false; // look at the same token in the recovery state
  };

  // The byte the lexer swallows at the very end of input: its rule has already run (setting
  // the "looks like Python" flag for + - . ( ) :) and left it in yytext, where a message about
  // the end of input then shows it.
  let eofByte = -1;
  for (let ti = 0; ti < table.count && !aborted; ti++) {
    const sym = symbols[ti];
    if (sym === 'e') {
      eofByte = ti;
      if ('+,-.():'.includes(bytes[starts[ti]])) python = true;
      continue;
    }
    if (sym === 'b') continue;
    if (sym === 'x') {
      const start = starts[ti];
      if ('+-.():'.includes(bytes[start])) python = true;
      const line = lineOf(start);
      if (ends[ti] - start === 1 && bytes[ends[ti]] === '\n') {
        // A lone illegal byte right before "\n": the lexer's error state matches the newline
        // with it, so the error is raised with the line counter already on the next line
        // (printed one less, as for any text ending in a newline), that next line becomes the
        // "lexical error line", and the newline token carries it too.
        say(line, line + 1, `config parsing error near \`${upToNul(bytes[start])}': lexical error`, start);
        lexErrLine = line + 1;
        newlineFromLexErr = ti + 1;
      } else {
        say(line, line, `config parsing error near \`${upToNul(bytes.slice(start, ends[ti]))}': lexical error`, start);
        lexErrLine = line;
      }
      err = true;
      continue;
    }
    lastTok = ti;
    if (sym === 's' && !err) {
      const d = dequote(bytes, starts[ti], ends[ti]);
      if (d.problem) {
        const line = lineOf(starts[ti]);
        const near = `config parsing error near \`${upToNul(bytes.slice(starts[ti], ends[ti]))}'`;
        if (d.problem.kind === 'nul') {
          // strlen stops at the NUL and an assert() fails: no parse message, xl just dies.
          report.push({
            line: null,
            message: "libxlutil aborts: assertion `len>=2 && src[0]==src[len-1]' failed in xlu__cfgl_dequote; xl is killed by SIGABRT",
            pos: starts[ti],
          });
          crashed = true;
          aborted = true;
          err = true;
          break;
        }
        const what =
          d.problem.kind === 'hex-escape'
            ? 'invalid digit after backslash hexnumerical character escape in quoted string'
            : d.problem.kind === 'digit-escape-short'
              ? 'invalid digit after backslash octalnumerical character escape in quoted string'
              : 'invalid character after backlash in quoted string';
        say(line, line, `${near}: ${what}`, starts[ti]);
        lexErrLine = line;
        err = true;
      }
    }
    while (!step(ti)) {
      /* re-examine the same token */
    }
  }
  if (!aborted) {
    while (!step(-1)) {
      /* $end */
    }
  }
  if (err && python) {
    report.push({ line: null, message: 'warning: Config file looks like it contains Python code.', pos: bytes.length });
    report.push({ line: null, message: 'warning:  Arbitrary Python is no longer supported.', pos: bytes.length });
    report.push({ line: null, message: 'warning:  See https://wiki.xen.org/wiki/PythonInXlConfig', pos: bytes.length });
  }
  return { ok: !err, report, stored, failedPlusEquals, python: err && python, crashed, exhausted, endLine: locLine(lastTok) };
}
