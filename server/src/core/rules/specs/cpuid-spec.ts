// Checks `cpuid`: the "host,flag=value,..." string (names per release) or each line of the
// old xend list form. xl only warns about these, but the flag or line is then not applied.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const cpuidSpecRule: Rule = {
  slug: 'cpuid-spec',
  defaultSeverity: 'warning',
  description: 'Checks `cpuid` in its string form (host,flag=value with the flag names of the chosen release) or its xend list form.',
  check: (ctx) => specFindings(ctx, 'cpuid'),
};
