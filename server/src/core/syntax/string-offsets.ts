// Maps a position inside a string value (after dequoting) back to the document, so a problem
// found inside a spec string (`disk`, `pci`, ...) is underlined at the right characters even
// when the string contains escapes or non-ASCII text.

import type { StringValue } from './tree';

const SIMPLE_ESCAPES = '"\'\\abfnrtv';

/**
 * Document offset of the character at `index` of the dequoted `value` (or just after the last
 * one when `index` is the value's length). `text` is the document text the value came from.
 */
export function valueIndexToOffset(text: string, value: StringValue, index: number): number {
  if (value.token === 'number') return value.start + Math.min(index, value.end - value.start);
  const from = value.start + 1;
  const to = value.end - 1;
  // Fast path: no escapes, so value characters are the token's characters.
  let hasEscape = false;
  for (let k = from; k < to && !hasEscape; k++) hasEscape = text.charCodeAt(k) === 92;
  if (!hasEscape) return Math.min(from + index, to);
  let produced = 0;
  let i = from;
  while (i < to) {
    if (produced >= index) return i;
    if (text[i] !== '\\') {
      i++;
      produced++;
      continue;
    }
    const e = text[i + 1];
    if (SIMPLE_ESCAPES.includes(e)) {
      i += 2;
      produced++;
    } else {
      // A digit escape produces nothing and skips the digits that follow it.
      let j = i + 2;
      while (j < to && j < i + 5 && /[0-9 +\-]/.test(text[j])) j++;
      i = j;
    }
  }
  return to;
}

/** The document range of `value[startIndex, endIndex)`. */
export function valueRangeToOffsets(text: string, value: StringValue, startIndex: number, endIndex: number): { start: number; end: number } {
  return { start: valueIndexToOffset(text, value, startIndex), end: valueIndexToOffset(text, value, endIndex) };
}
