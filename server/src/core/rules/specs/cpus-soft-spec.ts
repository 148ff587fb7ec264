// Checks the `cpus_soft` CPU list (soft affinity; string or one list per vCPU) the way xl's parse_cpurange reads it.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const cpusSoftSpecRule: Rule = {
  slug: 'cpus-soft-spec',
  defaultSeverity: 'error',
  description: "Checks the `cpus_soft` CPU list (soft affinity; string or one list per vCPU) the way xl's parse_cpurange reads it.",
  check: (ctx) => specFindings(ctx, 'cpus_soft'),
};
