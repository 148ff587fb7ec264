// hvmloader wanted a bigger low MMIO hole but may not move RAM out of the way (libxl forbids
// it with qemu-xen since 4.3, the fix for the 2013 ">3.6 GiB guest" bug): some 64-bit BARs are
// then moved above RAM. Worth knowing: a guest OS without 64-bit BAR support loses them, and a
// 32-bit BAR in the same situation is reported by mmio-hole-too-small.

import type { Rule } from '../rule';
import { anchor, hex, layoutOf, size } from './support';

export const mmioHoleGrowthBlocked: Rule = {
  slug: 'mmio-hole-growth-blocked',
  defaultSeverity: 'information',
  description: 'The low MMIO hole could not grow over guest RAM, so hvmloader moved 64-bit BARs above 4 GiB.',
  check(ctx) {
    const layout = layoutOf(ctx);
    const g = layout.pci.blockedGrowth;
    if (!g) return [];
    if (layout.pci.bars.some((b) => b.window === 'none' && b.wanted === 'low')) return [];
    const high = layout.pci.bars.filter((b) => b.window === 'high');
    if (high.length === 0) return [];
    return [
      {
        ...anchor(ctx, 'memory', 'maxmem'),
        message:
          `The devices need ${size(layout.pci.mmioTotal)} of MMIO but the low hole is ${size(layout.pci.window.end - layout.pci.window.start)}; hvmloader would grow it to start at ${hex(g.wouldStart)}, but that covers guest RAM (ending at ${hex(layout.rdm.lowmemEnd.value)}) and ${layout.defaults.allowMemoryRelocate.why}. ` +
          `So ${high.length} 64-bit BAR${high.length > 1 ? 's go' : ' goes'} above RAM at ${hex(high[0].base!)} (Xen ${ctx.xenVersion}): fine for 64-bit guests, fatal for a guest OS that cannot use 64-bit BARs. Setting \`mmio_hole\` keeps them below 4 GiB.`,
      },
    ];
  },
};
