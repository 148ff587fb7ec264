// Checks each `iomem` element: START,NUM[@GFN] in hexadecimal page numbers, nothing after.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const iomemSpecRule: Rule = {
  slug: 'iomem-spec',
  defaultSeverity: 'error',
  description: "Checks each `iomem` element: START,NUM[@GFN] in hexadecimal page numbers, nothing after.",
  check: (ctx) => specFindings(ctx, 'iomem'),
};
