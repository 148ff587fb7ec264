// Checks each `vif` spec: known keys per release, MAC address, numeric keys and the `rate=` syntax.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const vifSpecRule: Rule = {
  slug: 'vif-spec',
  defaultSeverity: 'error',
  description: "Checks each `vif` spec: known keys per release, MAC address, numeric keys and the `rate=` syntax.",
  check: (ctx) => specFindings(ctx, 'vif'),
};
