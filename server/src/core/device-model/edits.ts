// Minimal text edits for the device-model quick fixes: replace only a value token (keeping
// its quote style), add one new `key = value` line after the last assignment, or delete the
// assignments of a key (whole lines only when nothing else is on them, so comments stay).

import type { Fix, OffsetRange, TextEdit } from '../findings';
import type { ConfigView } from '../model/config-view';

/** Replaces a string value token, keeping the quote character the file used. */
export function replaceString(text: string, range: OffsetRange, newValue: string): TextEdit {
  const q = text[range.start] === "'" ? "'" : '"';
  return { start: range.start, end: range.end, newText: `${q}${newValue}${q}` };
}

/** Replaces a bare value token (a number). */
export function replaceBare(range: OffsetRange, newText: string): TextEdit {
  return { start: range.start, end: range.end, newText };
}

/** Replaces a piece of text inside a string (a vdev, an access mode) without touching the rest. */
export function replaceInside(range: OffsetRange, newText: string): TextEdit {
  return { start: range.start, end: range.end, newText };
}

/** `key = value` on a new line after the last assignment of the file. */
export function insertSetting(text: string, view: ConfigView, name: string, valueSource: string): TextEdit {
  const line = `${name} = ${valueSource}`;
  let lastEnd = -1;
  for (const s of view.settings) lastEnd = Math.max(lastEnd, s.end);
  if (lastEnd < 0) {
    return { start: 0, end: 0, newText: `${line}\n` };
  }
  const nl = text.indexOf('\n', lastEnd);
  if (nl < 0) return { start: text.length, end: text.length, newText: `\n${line}` };
  // Insert before the newline so a trailing comment on that line stays where it is.
  const at = nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
  const eol = at === nl ? '\n' : '\r\n';
  return { start: at, end: at, newText: `${eol}${line}` };
}

export const quoted = (v: string) => `"${v}"`;

/**
 * Deletes every assignment of `name` (removing only the last one would let an earlier one take
 * effect). A line that holds nothing else goes entirely; otherwise only the assignment does.
 */
export function removeSettingEdits(text: string, view: ConfigView, name: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const s of view.all(name)) {
    const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
    let lineEnd = text.indexOf('\n', s.end);
    if (lineEnd < 0) lineEnd = text.length;
    const before = text.slice(lineStart, s.start);
    const after = text.slice(s.end, lineEnd);
    if (/^[ \t]*$/.test(before) && /^[ \t;]*\r?$/.test(after)) {
      edits.push({ start: lineStart, end: Math.min(lineEnd + 1, text.length), newText: '' });
    } else {
      const tail = /^[ \t]*;?/.exec(after)![0].length;
      edits.push({ start: s.start, end: s.end + tail, newText: '' });
    }
  }
  return edits;
}

/**
 * Turns the effective assignment of `name` into `newLine` in place (earlier assignments of it
 * are deleted), for fixes that swap one key for another without touching the rest.
 */
export function replaceSettingEdits(text: string, view: ConfigView, name: string, newLine: string): TextEdit[] {
  const all = view.all(name);
  if (all.length === 0) return [];
  const last = all[all.length - 1];
  return [...removeSettingEdits(text, view, name).slice(0, -1), { start: last.start, end: last.end, newText: newLine }];
}

export function fix(title: string, edits: TextEdit | TextEdit[], isPreferred?: boolean): Fix {
  return { title, edits: Array.isArray(edits) ? edits : [edits], ...(isPreferred ? { isPreferred } : {}) };
}

export function removeKeyFix(text: string, view: ConfigView, name: string, preferred = true): Fix {
  return fix(`Remove \`${name}\``, removeSettingEdits(text, view, name), preferred);
}
