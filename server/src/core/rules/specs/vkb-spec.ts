// Checks each `vkb` spec string the way xl reads it: known options, values, and what makes xl exit, warn or crash.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const vkbSpecRule: Rule = {
  slug: 'vkb-spec',
  defaultSeverity: 'error',
  description: "Checks each `vkb` spec string the way xl reads it: known options, values, and what makes xl exit, warn or crash.",
  check: (ctx) => specFindings(ctx, 'vkb'),
};
