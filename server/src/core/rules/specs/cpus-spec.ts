// Checks the `cpus` CPU list (hard affinity; string or one list per vCPU) the way xl's parse_cpurange reads it.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const cpusSpecRule: Rule = {
  slug: 'cpus-spec',
  defaultSeverity: 'error',
  description: "Checks the `cpus` CPU list (hard affinity; string or one list per vCPU) the way xl's parse_cpurange reads it.",
  check: (ctx) => specFindings(ctx, 'cpus'),
};
