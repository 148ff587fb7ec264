// Checks each `vtpm` spec string the way xl reads it: known options, values, and what makes xl exit, warn or crash.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const vtpmSpecRule: Rule = {
  slug: 'vtpm-spec',
  defaultSeverity: 'error',
  description: "Checks each `vtpm` spec string the way xl reads it: known options, values, and what makes xl exit, warn or crash.",
  check: (ctx) => specFindings(ctx, 'vtpm'),
};
