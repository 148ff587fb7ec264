// Checks each `irqs` element: a decimal IRQ number.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const irqsSpecRule: Rule = {
  slug: 'irqs-spec',
  defaultSeverity: 'error',
  description: "Checks each `irqs` element: a decimal IRQ number.",
  check: (ctx) => specFindings(ctx, 'irqs'),
};
