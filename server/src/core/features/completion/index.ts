// Completion: every registered provider may offer items for the cursor offset; the lists are
// concatenated and duplicates (same label and kind) are dropped, keeping the first.
//
// To add a provider, write `completion/<topic>.ts` exporting a `CompletionProvider` and add
// one `export { ... } from './<topic>';` line to `completion/providers.ts`.

import type { Analysis } from '../../analyze';
import type { TextEdit } from '../../findings';
import * as registered from './providers';

/** What the item completes; the adapter maps it to the editor's icon. */
export type CompletionKind = 'key' | 'value' | 'enum' | 'snippet' | 'unit' | 'file' | 'keyword';

/** One completion item as plain data (offsets are UTF-16 offsets into the document). */
export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** One line shown beside the label (e.g. the key's type or the release that added it). */
  detail?: string;
  /** Markdown shown in the details pane. */
  documentation?: string;
  /**
   * The text to insert and the range it replaces (usually the word under the cursor).
   * Without it the editor inserts `label` over the word at the cursor.
   */
  edit?: TextEdit;
  /** `edit.newText` is an LSP snippet (`$1`, `${1:default}`), not plain text. */
  snippet?: boolean;
  /** Further edits applied with the item (e.g. closing a quote elsewhere). */
  additionalEdits?: TextEdit[];
  /** Sort key; items without one sort by label after those with one. */
  sortText?: string;
  filterText?: string;
  /** The key or value is deprecated or removed in the selected release. */
  deprecated?: boolean;
  /** Pre-select this item (at most one provider should). */
  preselect?: boolean;
}

/** A pure function of the analysed document and the cursor offset. */
export type CompletionProvider = (analysis: Analysis, offset: number) => readonly CompletionEntry[] | null | undefined;

/** Registered providers, in alphabetical order of their export names. */
export const completionProviders: readonly CompletionProvider[] = Object.keys(registered)
  .sort()
  .map((name) => (registered as Record<string, CompletionProvider>)[name])
  .filter((p): p is CompletionProvider => typeof p === 'function');

export function completionsAt(
  analysis: Analysis,
  offset: number,
  providers: readonly CompletionProvider[] = completionProviders,
  onError: (error: unknown) => void = () => {},
): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const provide of providers) {
    let items: readonly CompletionEntry[] | null | undefined;
    try {
      items = provide(analysis, offset);
    } catch (e) {
      onError(e);
      continue;
    }
    for (const item of items ?? []) {
      const id = `${item.kind}\u0000${item.label}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(item);
    }
  }
  return out;
}
