// Checks each `ioports` element: a hexadecimal port or range, including reversed ranges xl does not notice.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const ioportsSpecRule: Rule = {
  slug: 'ioports-spec',
  defaultSeverity: 'error',
  description: "Checks each `ioports` element: a hexadecimal port or range, including reversed ranges xl does not notice.",
  check: (ctx) => specFindings(ctx, 'ioports'),
};
