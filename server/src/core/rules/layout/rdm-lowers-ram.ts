// libxl moved low RAM below an RMRR that lies above `rdm_mem_boundary` (pass 1 of its RDM
// step), but QEMU is only told about `mmio_hole`, not about this: it still models RAM up to
// 0xF0000000, treats the RMRR and the gap as RAM and does not know the RAM moved above 4 GiB
// (the same class of mismatch as the 2013 relocation bug). An `mmio_hole` that starts at or
// below the RMRR gives the same guest layout with every component agreeing.

import type { Rule } from '../rule';
import { holeBelow } from '../../layout/fix-values';
import { anchor, hex, layoutInputOf, layoutOf, setKey, size } from './support';

export const rdmLowersRam: Rule = {
  slug: 'rdm-lowers-ram',
  defaultSeverity: 'warning',
  description: 'libxl lowered guest RAM below an RMRR without telling QEMU; an mmio_hole keeps them consistent.',
  check(ctx) {
    const layout = layoutOf(ctx);
    const before = layout.split.lowmemEnd.value;
    const after = layout.rdm.lowmemEnd.value;
    if (layout.input.type.value !== 'hvm' || after >= before || after < 0x100000) return [];
    const input = layoutInputOf(ctx);
    const cause = layout.rdm.entries
      .filter((e) => e.start >= after && e.start < before && e.start > layout.defaults.rdmBoundary.value)
      .sort((a, b) => a.start - b.start)[0];
    if (!cause) return [];
    const pci = input.pci.find((p) => p.ordinal === cause.viaPci[0]);
    const h = holeBelow(input, cause.start, layout);
    return [
      {
        ...(pci ? pci.src : anchor(ctx, 'rdm', 'rdm_mem_boundary', 'memory')),
        message:
          `The RMRR at ${hex(cause.start)} lies above \`rdm_mem_boundary\` (${hex(layout.defaults.rdmBoundary.value)}), so libxl ends low RAM at ${hex(after)} instead of ${hex(before)} and moves ${size(before - after)} above 4 GiB. ` +
          `QEMU is not told (only \`mmio_hole\` reaches it as max-ram-below-4g): it still models RAM up to ${hex(before)} and cannot reach the moved RAM, so emulated DMA into it fails (Xen 4.6 and later; checked for ${ctx.xenVersion}).` +
          (h !== undefined ? ` Set \`mmio_hole = ${h}\`: the same layout, built by libxl, QEMU and hvmloader alike.` : ''),
        fixes: h !== undefined ? [{ title: `Set mmio_hole = ${h} (hole starts at ${hex(2 ** 32 - h * 2 ** 20)}, below the RMRR)`, edits: [setKey(ctx.parsed.text, ctx.view, 'mmio_hole', String(h), ['memory', 'maxmem', 'pci'])], isPreferred: true }] : undefined,
      },
    ];
  },
};
