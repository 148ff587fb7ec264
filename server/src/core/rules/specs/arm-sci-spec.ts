// Checks the `arm_sci` string (Arm): xl reads only `type=` (none or scmi_smc).
import type { Rule } from '../rule';
import { specFindings } from './support';

export const armSciSpecRule: Rule = {
  slug: 'arm-sci-spec',
  defaultSeverity: 'error',
  description: "Checks the `arm_sci` string (Arm): xl reads only `type=` (none or scmi_smc).",
  check: (ctx) => specFindings(ctx, 'arm_sci'),
};
