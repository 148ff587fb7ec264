// Checks each `disk` spec the way libxlutil's disk scanner reads it (positional and key=value forms, per release).
import type { Rule } from '../rule';
import { specFindings } from './support';

export const diskSpecRule: Rule = {
  slug: 'disk-spec',
  defaultSeverity: 'error',
  description: "Checks each `disk` spec the way libxlutil's disk scanner reads it (positional and key=value forms, per release).",
  check: (ctx) => specFindings(ctx, 'disk'),
};
