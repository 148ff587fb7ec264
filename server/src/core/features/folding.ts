// Folding: lists that span lines, runs of two or more comment-only lines, and
// `# region` / `# endregion` pairs. Ranges are offsets; the adapter turns them into lines and
// drops any that end on the line they start on.

import type { Setting, Value } from '../syntax/tree';

export type FoldingKind = 'list' | 'comment' | 'region';

export interface FoldingEntry {
  kind: FoldingKind;
  /** Offset on the first line of the range. */
  start: number;
  /** Offset on the last line that folds away (a closing `]` alone on its line stays visible). */
  end: number;
}

export function foldingRanges(text: string, settings: readonly Setting[]): FoldingEntry[] {
  const out: FoldingEntry[] = [];
  for (const s of settings) collectLists(text, s.value, out);
  collectComments(text, out);
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

function collectLists(text: string, v: Value, out: FoldingEntry[]): void {
  if (v.kind !== 'list') return;
  const close = v.end - 1;
  let end = close;
  if (text[close] === ']') {
    // Keep the closing bracket visible when it starts its own line, as editors do for JSON.
    let i = close - 1;
    while (i >= v.start && (text[i] === ' ' || text[i] === '\t')) i--;
    if (i >= v.start && text[i] === '\n') end = i - 1 >= v.start ? i - 1 : v.start;
  }
  if (text.lastIndexOf('\n', end) >= v.start) out.push({ kind: 'list', start: v.start, end });
  for (const item of v.items) collectLists(text, item, out);
}

const COMMENT_LINE = /^[ \t]*#/;
const REGION_START = /^[ \t]*#[ \t]*region\b/;
const REGION_END = /^[ \t]*#[ \t]*endregion\b/;

/** Strings never span lines in xl.cfg, so a line whose first non-blank is `#` is a comment. */
function collectComments(text: string, out: FoldingEntry[]): void {
  let blockStart = -1;
  let blockEnd = -1;
  let blockLines = 0;
  const regions: number[] = [];
  const flush = () => {
    if (blockLines >= 2) out.push({ kind: 'comment', start: blockStart, end: blockEnd });
    blockLines = 0;
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (REGION_START.test(line)) {
      flush();
      regions.push(lineStart);
    } else if (REGION_END.test(line)) {
      flush();
      const open = regions.pop();
      if (open !== undefined) out.push({ kind: 'region', start: open, end: lineEnd });
    } else if (COMMENT_LINE.test(line)) {
      if (blockLines === 0) blockStart = lineStart;
      blockEnd = lineEnd;
      blockLines++;
    } else {
      flush();
    }
    lineStart = lineEnd + 1;
  }
  flush();
}
