// Checks each `llc_colors` element (Arm): a color N or range N-M.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const llcColorsSpecRule: Rule = {
  slug: 'llc-colors-spec',
  defaultSeverity: 'error',
  description: "Checks each `llc_colors` element (Arm): a color N or range N-M.",
  check: (ctx) => specFindings(ctx, 'llc_colors'),
};
