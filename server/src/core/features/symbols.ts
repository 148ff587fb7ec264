// Document outline: one symbol per assignment (in file order, so a key assigned twice shows
// twice, with the earlier one marked as overridden, since xl only reads the last), with the
// items of a list value as children.

import type { Setting, Value } from '../syntax/tree';
import type { OffsetRange } from '../findings';

export type SymbolKind = 'string' | 'number' | 'list';

export interface SymbolEntry extends OffsetRange {
  /** Never empty (editors reject empty symbol names). */
  name: string;
  detail: string;
  kind: SymbolKind;
  /** The part to highlight and reveal: the key for an assignment, the item itself for an item. */
  selectionStart: number;
  selectionEnd: number;
  children: SymbolEntry[];
}

const PREVIEW_CHARS = 60;

export function documentSymbols(settings: readonly Setting[]): SymbolEntry[] {
  const lastIndex = new Map<string, number>();
  settings.forEach((s, i) => lastIndex.set(s.name, i));
  return settings.map((s, i) => {
    const notes: string[] = [];
    if (lastIndex.get(s.name) !== i) notes.push('overridden below');
    if (!s.stored) notes.push('not read by xl');
    const preview = `${s.op === '+=' ? '+= ' : ''}${previewOf(s.value)}`;
    return {
      name: s.name,
      detail: notes.length ? `${preview} (${notes.join(', ')})` : preview,
      kind: kindOf(s.value),
      start: s.start,
      end: Math.max(s.end, s.nameEnd),
      selectionStart: s.nameStart,
      selectionEnd: s.nameEnd,
      children: s.value.kind === 'list' ? s.value.items.map(itemSymbol) : [],
    };
  });
}

function itemSymbol(v: Value): SymbolEntry {
  return {
    name: v.kind === 'list' ? `[${v.items.length} items]` : scalarName(v.value),
    detail: v.kind === 'list' ? previewOf(v) : v.token === 'string' ? 'string' : 'number',
    kind: kindOf(v),
    start: v.start,
    end: v.end,
    selectionStart: v.start,
    selectionEnd: v.end,
    children: v.kind === 'list' ? v.items.map(itemSymbol) : [],
  };
}

function kindOf(v: Value): SymbolKind {
  return v.kind === 'list' ? 'list' : v.token === 'number' ? 'number' : 'string';
}

function scalarName(text: string): string {
  return text === '' ? '""' : truncate(text);
}

function previewOf(v: Value): string {
  if (v.kind === 'string') return truncate(v.token === 'string' ? JSON.stringify(v.value) : v.value);
  return truncate(`[${v.items.map((i) => (i.kind === 'list' ? '[…]' : i.value)).join(', ')}]`);
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > PREVIEW_CHARS ? `${oneLine.slice(0, PREVIEW_CHARS - 1)}…` : oneLine;
}
