// Checks the `rdm` string, including the Xen 4.15+ bug that silently ignores it when it has a valid `policy=`.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const rdmSpecRule: Rule = {
  slug: 'rdm-spec',
  defaultSeverity: 'error',
  description: "Checks the `rdm` string, including the Xen 4.15+ bug that silently ignores it when it has a valid `policy=`.",
  check: (ctx) => specFindings(ctx, 'rdm'),
};
