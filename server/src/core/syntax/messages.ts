// Turns a syntax error (the parser state and the token Xen would complain about) into our
// message for a person and a fix where the intent is clear. Xen's own wording comes from the
// replay of its parser (xen-report.ts). All offsets here are byte offsets; parse.ts maps them.

import type { Fix } from '../findings';
import { bytesToText } from './bytes';
import type { DequoteProblem } from './dequote';
import type { DocumentNode, ErrorNode, Token } from './tree';

/** Where the parser was when it met the token: decides what Xen says it expected. */
export type ErrorState = 'statement' | 'after-name' | 'after-op' | 'after-value' | 'list' | 'list-unclosed';

export interface Described {
  code: string;
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
}

function show(bytes: string, t: Token): string {
  return bytesToText(bytes.slice(t.start, t.end).replace(/\n$/, ''));
}

function tokenWords(t: Token | null, bytes: string): string {
  if (!t) return 'the end of the file';
  switch (t.kind) {
    case 'newline':
      return 'the end of the line';
    case 'comment':
      return 'a comment';
    case 'string':
      return `the string ${show(bytes, t)}`;
    case 'number':
      return `the number \`${show(bytes, t)}\``;
    case 'ident':
      return `the word \`${show(bytes, t)}\``;
    default:
      return `\`${show(bytes, t)}\``;
  }
}

const REJECTS = 'xl rejects the whole file ("Failed to parse config")';

export function describeError(state: ErrorState, at: Token | null, bytes: string, node: ErrorNode, _tree: DocumentNode): Described {
  if (at && at.kind === 'illegal') return describeIllegal(at, bytes, state);
  // An error at a line break is shown on the last character before it (the `=` of a key with
  // no value, say): a range over the line break itself would be drawn on the next line.
  const atBreak = !!at && (at.kind === 'newline' || at.kind === 'comment');
  const before = atBreak ? lastNonBlankBefore(bytes, at!.start) : -1;
  const start = at ? (atBreak && before >= 0 ? before : at.start) : node.start;
  const end = at ? (atBreak && before >= 0 ? before + 1 : at.kind === 'newline' || at.kind === 'comment' ? at.start + 1 : at.end) : node.end;
  const base = { start, end };
  const what = tokenWords(at, bytes);
  switch (state) {
    case 'statement': {
      if (at && (at.kind === 'number' || at.kind === 'string' || at.kind === '[') && previousLineEndsWithOperator(bytes, at.start)) {
        return {
          ...base,
          code: 'value-on-next-line',
          message: `A value on its own line: the key, \`=\` and the value must be on one line, so ${REJECTS}. Join it to the line above.`,
        };
      }
      if (at && at.kind === 'number')
        return { ...base, code: 'key-expected', message: `Keys start with a lower-case letter, not a digit: ${REJECTS}. Rename the key.` };
      if (at && (at.kind === '=' || at.kind === '+='))
        return { ...base, code: 'key-expected', message: `\`${show(bytes, at)}\` with no key before it: ${REJECTS}. Write \`key = value\`.` };
      return { ...base, code: 'key-expected', message: `Expected a setting (\`key = value\`) but found ${what}: ${REJECTS}.` };
    }
    case 'after-name': {
      const key = nameBefore(node, bytes);
      if (at && at.kind === 'ident') {
        return {
          ...base,
          code: 'missing-operator',
          message:
            `\`${key} ${show(bytes, at)}\` is not xl syntax (old xm configs were Python; xl is not): ${REJECTS}. ` +
            'Every line must be `key = value`; delete or rewrite this line.',
        };
      }
      return { ...base, code: 'missing-operator', message: `Expected \`=\` or \`+=\` after \`${key}\` but found ${what}: ${REJECTS}.` };
    }
    case 'after-op': {
      if (at && at.kind === 'ident') {
        const word = show(bytes, at);
        return {
          ...base,
          code: 'bare-word',
          message: `\`${word}\` is a bare word: values are quoted strings, numbers or [lists], so ${REJECTS}. Quote it: "${word}".`,
          fixes: [{ title: `Quote it: "${word}"`, edits: [{ start: at.start, end: at.end, newText: `"${word}"` }], isPreferred: true }],
        };
      }
      if (!at || at.kind === 'newline' || at.kind === 'comment' || at.kind === ';') {
        const join = at && at.kind === 'newline' ? valueOnNextLine(bytes, at.start) : -1;
        return {
          ...base,
          fixes: join >= 0 ? [{ title: 'Join the value onto this line', edits: [{ start: at!.start, end: join, newText: ' ' }], isPreferred: true }] : undefined,
          code: 'missing-value',
          message:
            `Missing value: the key, \`=\` and the value must be on one line, and ${REJECTS}. ` +
            'Write a quoted string, a number or a [list] after the `=`.',
        };
      }
      return { ...base, code: 'missing-value', message: `Expected a value (a quoted string, a number or a [list]) but found ${what}: ${REJECTS}.` };
    }
    case 'after-value': {
      if (at && at.kind === 'ident') {
        return {
          ...base,
          code: 'missing-separator',
          message: `Two settings on one line need a \`;\` between them: ${REJECTS}. Put the next setting on its own line.`,
          fixes: [{ title: 'Put the next setting on its own line', edits: [{ start: trimStartBlanks(bytes, at.start), end: at.start, newText: '\n' }], isPreferred: true }],
        };
      }
      if (at && at.kind === ',') {
        return {
          ...base,
          code: 'list-without-brackets',
          message: `A list needs square brackets: \`key = [a, b]\`; without them ${REJECTS}.`,
        };
      }
      return {
        ...base,
        code: 'unexpected-after-value',
        message: `Unexpected ${what} after the value (one value per key; end the line or use \`;\`): ${REJECTS}.`,
      };
    }
    case 'list': {
      if (at && at.kind === ',') {
        return {
          ...base,
          code: 'list-empty-item',
          message: `Empty item: a comma needs a value before it (only one trailing comma is allowed), so ${REJECTS}.`,
          fixes: [{ title: 'Remove the extra comma', edits: [{ start: at.start, end: at.end, newText: '' }], isPreferred: true }],
        };
      }
      if (at && (at.kind === 'string' || at.kind === 'number' || at.kind === '[')) {
        return {
          ...base,
          code: 'list-missing-comma',
          message: `Missing comma before ${what}: list items are separated by commas, and ${REJECTS}.`,
          fixes: [{ title: 'Insert a comma', edits: [{ start: endOfPreviousItem(bytes, at.start), end: endOfPreviousItem(bytes, at.start), newText: ',' }], isPreferred: true }],
        };
      }
      if (at && at.kind === 'ident') {
        const word = show(bytes, at);
        return {
          ...base,
          code: 'bare-word',
          message: `\`${word}\` is a bare word: list items are quoted strings, numbers or lists, so ${REJECTS}. Quote it: "${word}".`,
          fixes: [{ title: `Quote it: "${word}"`, edits: [{ start: at.start, end: at.end, newText: `"${word}"` }], isPreferred: true }],
        };
      }
      return { ...base, code: 'list-unexpected', message: `Unexpected ${what} inside a list: ${REJECTS}.` };
    }
    case 'list-unclosed': {
      // The error node sits where the list's content ends.
      const close = endOfPreviousItem(bytes, node.start);
      return {
        ...base,
        start: node.anchor ? node.anchor.start : node.start,
        end: node.anchor ? node.anchor.end : node.end,
        code: 'unclosed-list',
        message: `This list is never closed (xl reaches ${what} first): ${REJECTS}. Add the missing \`]\`.`,
        fixes: [{ title: 'Close the list', edits: [{ start: close, end: close, newText: ']' }], isPreferred: true }],
      };
    }
  }
}

function lastNonBlankBefore(bytes: string, pos: number): number {
  let i = pos - 1;
  while (i >= 0 && (bytes[i] === ' ' || bytes[i] === '\t')) i--;
  return i >= 0 && bytes[i] !== '\n' ? i : -1;
}

// True when the line before the one holding `pos` ends (comments aside) with `=` or `+=`.
function previousLineEndsWithOperator(bytes: string, pos: number): boolean {
  const lineStart = bytes.lastIndexOf('\n', pos - 1);
  if (lineStart <= 0 || bytes.slice(lineStart + 1, pos).trim() !== '') return false;
  const i = lastNonBlankBefore(bytes, lineStart);
  return i >= 0 && bytes[i] === '=';
}

// Where the value on the line after a bare `key =` starts, or -1 when that line holds no value.
function valueOnNextLine(bytes: string, newline: number): number {
  let i = newline + 1;
  while (i < bytes.length && (bytes[i] === ' ' || bytes[i] === '\t')) i++;
  return /["'0-9[]/.test(bytes[i] ?? '') ? i : -1;
}

// The name token of the assignment that owns an error node (for messages).
function nameBefore(node: ErrorNode, bytes: string): string {
  let i = node.start - 1;
  while (i >= 0 && (bytes[i] === ' ' || bytes[i] === '\t')) i--;
  let j = i;
  while (j >= 0 && /[a-z0-9_.]/.test(bytes[j])) j--;
  return bytes.slice(j + 1, i + 1);
}

function trimStartBlanks(bytes: string, pos: number): number {
  while (pos > 0 && (bytes[pos - 1] === ' ' || bytes[pos - 1] === '\t')) pos--;
  return pos;
}

// Where to insert a comma or a bracket: after the last non-blank byte before `pos`, skipping
// back over line breaks and comments.
function endOfPreviousItem(bytes: string, pos: number): number {
  let i = pos;
  for (;;) {
    while (i > 0 && /[ \t\n]/.test(bytes[i - 1])) i--;
    const lineStart = bytes.lastIndexOf('\n', i - 1) + 1;
    const hash = findCommentStart(bytes, lineStart, i);
    if (hash < 0) return i;
    i = hash;
  }
}

// Start of a comment on the line [from, to), ignoring '#' inside quotes.
function findCommentStart(bytes: string, from: number, to: number): number {
  let quote = '';
  for (let k = from; k < to; k++) {
    const c = bytes[k];
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return k;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------
// Lexical errors: what the illegal run most likely is.

function describeIllegal(at: Token, bytes: string, state: ErrorState): Described {
  const run = bytes.slice(at.start, at.end);
  const c = run[0];
  const base = { start: at.start, end: at.end };
  const text = bytesToText(run);
  const atLineStart = state === 'statement';

  if (c === '\r') {
    return {
      ...base,
      end: at.start + 1,
      code: 'carriage-return',
      message:
        'Windows line ending (CR LF): xl accepts only LF line endings and rejects the file on every line that ends in CR. ' +
        'Convert the file to LF (in VS Code: click "CRLF" in the status bar).',
    };
  }
  if (c === '"' || c === "'") {
    const close = at.end;
    return {
      ...base,
      code: 'unterminated-string',
      message: `Unterminated string: a string ends with the same quote (${c}) on the same line (no line continuation), so ${REJECTS}.`,
      fixes: [{ title: `Close the string with ${c}`, edits: [{ start: close, end: close, newText: c }], isPreferred: true }],
    };
  }
  if (c === '#') {
    return {
      ...base,
      code: 'comment-without-newline',
      message: `A comment on the last line needs a newline after it: without one, ${REJECTS}. Add a final newline.`,
      fixes: [{ title: 'Add the final newline', edits: [{ start: bytes.length, end: bytes.length, newText: '\n' }], isPreferred: true }],
    };
  }
  if (/[A-Z_]/.test(c)) {
    const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(run);
    const word = m ? m[0] : c;
    const lower = word.toLowerCase();
    const validKey = /^[a-z][a-z0-9_.]*$/.test(lower);
    if (atLineStart && m && validKey) {
      return {
        ...base,
        end: at.start + word.length,
        code: 'uppercase-key',
        message: `Keys are lower case: ${REJECTS} at \`${word}\`. Did you mean \`${lower}\`?`,
        fixes: [{ title: `Rename to \`${lower}\``, edits: [{ start: at.start, end: at.start + word.length, newText: lower }], isPreferred: true }],
      };
    }
    if (/^0?[xX]/.test(bytes.slice(at.start - 1, at.start + 1)) || (/^[A-F0-9]+$/.test(word) && /[0-9]$/.test(bytes[at.start - 1] ?? ''))) {
      return {
        ...base,
        end: at.start + word.length,
        code: 'uppercase-hex',
        message: `Hex numbers must be lower case (\`0x\` and \`a\`-\`f\`): ${REJECTS}.`,
        fixes: [{ title: 'Write it in lower case', edits: [{ start: at.start, end: at.start + word.length, newText: word.toLowerCase() }], isPreferred: true }],
      };
    }
    if (c === '_') {
      return { ...base, code: 'illegal-character', message: `Keys must start with a lower-case letter, not \`_\`: ${REJECTS}.` };
    }
    return { ...base, code: 'illegal-character', message: `Upper-case letters are only allowed inside quoted strings: ${REJECTS} at \`${text}\`.` };
  }
  // `cpus = 0-3`: a number token, then the illegal run `-3` glued to it. That is a range (or
  // a list of them) meant as one string.
  if ((c === '-' || c === ',') && /[0-9a-fx]/.test(bytes[at.start - 1] ?? '') && !atLineStart) {
    let numStart = at.start;
    while (numStart > 0 && /[0-9a-fx]/.test(bytes[numStart - 1])) numStart--;
    const whole = bytesToText(bytes.slice(numStart, at.end));
    if (/^[0-9]/.test(whole)) {
      return {
        ...base,
        start: numStart,
        code: 'unquoted-range',
        message: `\`${whole}\` must be quoted: unquoted, xl reads the number \`${whole.slice(0, at.start - numStart)}\` and then rejects the whole file ("Failed to parse config"). Write "${whole}".`,
        fixes: [{ title: `Quote it: "${whole}"`, edits: [{ start: numStart, end: at.end, newText: `"${whole}"` }], isPreferred: true }],
      };
    }
  }
  if (c === '-' && /^-[0-9]/.test(run) && !atLineStart) {
    const num = /^-[0-9][0-9a-fx]*/.exec(run)![0];
    return {
      ...base,
      end: at.start + num.length,
      code: 'negative-number',
      message: `A negative number must be quoted: unquoted, ${REJECTS}. Write "${num}".`,
      fixes: [{ title: `Quote it: "${num}"`, edits: [{ start: at.start, end: at.start + num.length, newText: `"${num}"` }], isPreferred: true }],
    };
  }
  if (c === '+' || c === '*' || c === '/' || (c === '-' && !atLineStart)) {
    const stored = storedBefore(bytes, at.start);
    return {
      ...base,
      end: at.start + 1,
      code: 'arithmetic',
      message:
        `Arithmetic is not supported: xl ${stored ? `stores \`${stored}\`, then ` : ''}rejects the whole file ("Failed to parse config") ` +
        'and warns that it "looks like Python". Write the result as a single number.',
    };
  }
  if (c === '.' && /[0-9]$/.test(bytes[at.start - 1] ?? '')) {
    return { ...base, code: 'fraction', message: `xl has no fractional numbers: ${REJECTS}. Use a whole number (sizes are in MiB).` };
  }
  if (c === '-' && atLineStart) {
    return { ...base, code: 'illegal-character', message: `Keys cannot contain \`-\`: ${REJECTS}. xl keys use \`_\` (e.g. \`on_crash\`).` };
  }
  if (c === '(' || c === ')' || c === ':') {
    return {
      ...base,
      code: 'python-syntax',
      message: `\`${c}\` is Python syntax (old xm configs were Python; xl reads a plain key = value language): ${REJECTS}.`,
    };
  }
  if (c === '\0') {
    return { ...base, code: 'illegal-character', message: `NUL byte in the file: ${REJECTS}. Remove it.` };
  }
  if (c.charCodeAt(0) >= 0x80) {
    return {
      ...base,
      code: 'non-ascii-outside-string',
      message: `Non-ASCII text is only allowed inside quoted strings and comments: ${REJECTS} at \`${text}\`. Quote the value.`,
    };
  }
  return { ...base, code: 'illegal-character', message: `\`${printableRun(text)}\` is not valid here (xl's lexer has no such token): ${REJECTS}.` };
}

function printableRun(s: string): string {
  return s.replace(/[\x00-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

// The value token right before `pos` on the same line (what Xen stored before the error).
function storedBefore(bytes: string, pos: number): string | undefined {
  const lineStart = bytes.lastIndexOf('\n', pos - 1) + 1;
  const m = /=[ \t]*([0-9][0-9a-fx]*|"[^"\n]*"|'[^'\n]*')[ \t]*$/.exec(bytes.slice(lineStart, pos));
  return m ? bytesToText(m[1]) : undefined;
}

// ---------------------------------------------------------------------------------------

export function describeDequote(p: DequoteProblem, bytes: string, t: Token): Described {
  switch (p.kind) {
    case 'nul':
      return {
        code: 'nul-in-string',
        start: p.at,
        end: p.at + 1,
        message: 'NUL byte inside a string: libxlutil fails an assertion and xl dies with SIGABRT (all releases). Remove the byte.',
      };
    case 'hex-escape': {
      const hex = /^\\x([0-9a-fA-F]{2})/.exec(bytes.slice(p.at, p.end));
      const ch = hex ? String.fromCharCode(parseInt(hex[1], 16)) : undefined;
      const usable = ch !== undefined && ch >= ' ' && ch <= '~' && ch !== '\\' && ch !== bytes[t.start];
      return {
        code: 'hex-escape',
        start: p.at,
        end: p.end,
        message: `\`\\x\` escapes never work: libxlutil's decoder rejects every one (a bug in all releases), so ${REJECTS}. Write the character itself.`,
        fixes: usable ? [{ title: `Write \`${ch}\``, edits: [{ start: p.at, end: p.at + 4, newText: ch! }], isPreferred: true }] : undefined,
      };
    }
    case 'digit-escape-short':
      return {
        code: 'digit-escape',
        start: p.at,
        end: p.end,
        message: `A backslash before a digit needs at least two more digits, and even then inserts nothing (a libxlutil bug): ${REJECTS}. Write the character itself.`,
      };
    case 'unknown-escape': {
      const seq = bytesToText(bytes.slice(p.at, p.end));
      return {
        code: 'invalid-escape',
        start: p.at,
        end: p.end,
        message:
          `Unknown escape \`${seq}\`: since Xen 4.7 ${REJECTS} (earlier releases silently dropped it). ` +
          `For a literal backslash write \`\\\\\`.`,
        fixes: [{ title: 'Escape the backslash', edits: [{ start: p.at, end: p.at + 1, newText: '\\\\' }], isPreferred: true }],
      };
    }
  }
}
