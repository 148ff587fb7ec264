// Code lenses: short lines of text shown above a setting (e.g. the guest's computed MMIO
// hole above `mmio_hole`). Every registered provider contributes lenses for the whole document.
//
// To add a provider, write `codelens/<topic>.ts` exporting a `CodeLensProvider` and add one
// `export { ... } from './<topic>';` line to `codelens/providers.ts`.

import type { Analysis } from '../../analyze';
import type { OffsetRange } from '../../findings';
import * as registered from './providers';

export interface CodeLensEntry extends OffsetRange {
  /** The text shown. */
  title: string;
  /** An editor command to run when the lens is clicked; without one the lens is plain text. */
  command?: { id: string; arguments?: unknown[] };
  /** Hover text for the lens. */
  tooltip?: string;
}

/** A pure function of the analysed document. */
export type CodeLensProvider = (analysis: Analysis) => readonly CodeLensEntry[] | null | undefined;

/** Registered providers, in alphabetical order of their export names. */
export const codeLensProviders: readonly CodeLensProvider[] = Object.keys(registered)
  .sort()
  .map((name) => (registered as Record<string, CodeLensProvider>)[name])
  .filter((p): p is CodeLensProvider => typeof p === 'function');

export function codeLenses(
  analysis: Analysis,
  providers: readonly CodeLensProvider[] = codeLensProviders,
  onError: (error: unknown) => void = () => {},
): CodeLensEntry[] {
  const out: CodeLensEntry[] = [];
  for (const provide of providers) {
    try {
      out.push(...(provide(analysis) ?? []));
    } catch (e) {
      onError(e);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
