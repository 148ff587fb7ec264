// Checks each `pci` spec: BDF, @vslot and the key=value options, with xl's exact acceptance per release.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const pciSpecRule: Rule = {
  slug: 'pci-spec',
  defaultSeverity: 'error',
  description: "Checks each `pci` spec: BDF, @vslot and the key=value options, with xl's exact acceptance per release.",
  check: (ctx) => specFindings(ctx, 'pci'),
};
