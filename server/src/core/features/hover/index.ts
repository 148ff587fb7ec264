// Hover: every registered provider may contribute one markdown section for the offset under
// the pointer; the sections are shown together, separated by rules.
//
// To add a provider, write `hover/<topic>.ts` exporting a `HoverProvider` and add one
// `export { ... } from './<topic>';` line to `hover/providers.ts`.

import type { Analysis } from '../../analyze';
import type { OffsetRange } from '../../findings';
import * as registered from './providers';

/** One section of a hover, as plain data. */
export interface HoverSection extends OffsetRange {
  /** Markdown. */
  markdown: string;
}

/**
 * A pure function of the analysed document and a UTF-16 offset. Returns its section when it
 * has something to say about what is at `offset` (a key, a value, a list item), else nothing.
 * The range is the text the hover is about (the editor highlights it).
 */
export type HoverProvider = (analysis: Analysis, offset: number) => HoverSection | null | undefined;

/** The combined hover: all sections, and the narrowest range any of them is about. */
export interface HoverResult extends OffsetRange {
  markdown: string;
  sections: HoverSection[];
}

/**
 * Registered providers, in the order of their export names (module namespaces have no other
 * stable order), so a provider's name decides where its section appears.
 */
export const hoverProviders: readonly HoverProvider[] = Object.keys(registered)
  .sort()
  .map((name) => (registered as Record<string, HoverProvider>)[name])
  .filter((p): p is HoverProvider => typeof p === 'function');

/**
 * Asks every provider; a provider that throws is skipped (a broken hover section must not
 * hide the others), and its error is returned for the adapter to log.
 */
export function hoverAt(
  analysis: Analysis,
  offset: number,
  providers: readonly HoverProvider[] = hoverProviders,
  onError: (error: unknown) => void = () => {},
): HoverResult | undefined {
  const sections: HoverSection[] = [];
  for (const provide of providers) {
    try {
      const section = provide(analysis, offset);
      if (section && section.markdown.trim() !== '') sections.push(section);
    } catch (e) {
      onError(e);
    }
  }
  if (sections.length === 0) return undefined;
  let start = sections[0].start;
  let end = sections[0].end;
  for (const s of sections) {
    if (s.end - s.start < end - start) {
      start = s.start;
      end = s.end;
    }
  }
  return { start, end, sections, markdown: sections.map((s) => s.markdown).join('\n\n---\n\n') };
}
