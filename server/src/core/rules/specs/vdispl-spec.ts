// Checks each `vdispl` spec string the way xl reads it: known options, values, and what makes xl exit, warn or crash.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const vdisplSpecRule: Rule = {
  slug: 'vdispl-spec',
  defaultSeverity: 'error',
  description: "Checks each `vdispl` spec string the way xl reads it: known options, values, and what makes xl exit, warn or crash.",
  check: (ctx) => specFindings(ctx, 'vdispl'),
};
