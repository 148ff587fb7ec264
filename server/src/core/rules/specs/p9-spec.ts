// Checks each `p9` spec string the way xl reads it: known options, values, and what makes xl exit, warn or crash.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const p9SpecRule: Rule = {
  slug: 'p9-spec',
  defaultSeverity: 'error',
  description: "Checks each `p9` spec string the way xl reads it: known options, values, and what makes xl exit, warn or crash.",
  check: (ctx) => specFindings(ctx, 'p9'),
};
