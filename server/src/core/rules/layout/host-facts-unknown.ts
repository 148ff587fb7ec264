// With no host profile (or one that lacks a device) the layout cannot know a passed-through
// device's BARs or RMRRs; say so on the device instead of silently leaving it out.

import type { Rule, RuleFinding } from '../rule';
import { layoutInputOf } from './support';

export const hostFactsUnknown: Rule = {
  slug: 'host-facts-unknown',
  defaultSeverity: 'information',
  description: "A passed-through device's BARs or RMRRs are unknown (no host profile entry), so the layout leaves them out.",
  check(ctx) {
    const input = layoutInputOf(ctx);
    if (input.type.value !== 'hvm') return [];
    const out: RuleFinding[] = [];
    for (const p of input.pci) {
      if (p.error) continue;
      const id = p.bdf ?? p.name ?? p.spec;
      const known = p.bdf ? input.host?.pciDevices.some((d) => d.bdf === p.bdf || (p.allFunctions && d.bdf.startsWith(p.bdf!.slice(0, -1)))) : input.host?.pciDevices.some((d) => d.name === p.name);
      if (known) continue;
      out.push({
        ...p.src,
        message: input.host
          ? `The host profile${input.hostSource ? ` (${input.hostSource})` : ''} has no entry for ${id}, so xlcfg does not know its BAR sizes or RMRRs: the MMIO hole, BAR placement and RMRR checks leave this device out. Add it to \`pciDevices\` (sizes from \`lspci -vv -s ${id}\`).`
          : `xlcfg does not know the BAR sizes or RMRRs of ${id}: there is no host profile (set \`xlcfg.hostProfile\` or put a \`xen-host.json\` next to this file or at the workspace root). The MMIO hole, BAR placement and RMRR checks leave this device out.`,
      });
    }
    return out;
  },
};
