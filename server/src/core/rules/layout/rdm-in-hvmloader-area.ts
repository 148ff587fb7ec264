// An RMRR that libxl keeps in the e820 but that lies in hvmloader's own fixed area below
// 4 GiB: inside its allocation arena hvmloader stops the guest at boot ("Fail to setup memory
// map due to conflict on dynamic reserved memory range."); elsewhere above 0xFC000000 the e820
// gets overlapping entries.

import type { Rule } from '../rule';
import { RESERVED_MEMBASE, RESERVED_MEMORY_DYNAMIC_END, reservedMemoryDynamicStart } from '../../layout/constants';
import { anchor, hex, layoutInputOf, layoutOf } from './support';

export const rdmInHvmloaderArea: Rule = {
  slug: 'rdm-in-hvmloader-area',
  defaultSeverity: 'error',
  description: "A reserved RMRR lies in hvmloader's own area below 4 GiB: the guest crashes at boot or gets an overlapping e820.",
  check(ctx) {
    const layout = layoutOf(ctx);
    if (layout.input.type.value !== 'hvm') return [];
    const input = layoutInputOf(ctx);
    const dyn = reservedMemoryDynamicStart(ctx.xenVersion);
    return layout.rdm.entries
      .filter((e) => e.action === 'reserved' && e.start < 2 ** 32 && e.start + e.size > RESERVED_MEMBASE)
      .map((e) => {
        const pci = input.pci.find((p) => p.ordinal === e.viaPci[0]);
        const crash = e.start < RESERVED_MEMORY_DYNAMIC_END && dyn < e.start + e.size;
        return {
          ...(pci ? pci.src : anchor(ctx, 'rdm', 'pci')),
          severity: crash ? ('error' as const) : ('warning' as const),
          message: crash
            ? `The RMRR at ${hex(e.start)}–${hex(e.start + e.size - 1)} overlaps hvmloader's allocation area ${hex(dyn)}–${hex(RESERVED_MEMORY_DYNAMIC_END)} (Xen ${ctx.xenVersion}): hvmloader prints "Fail to setup memory map due to conflict on dynamic reserved memory range." and stops the guest at boot. This device cannot be passed through to an HVM guest with this firmware layout.`
            : `The RMRR at ${hex(e.start)}–${hex(e.start + e.size - 1)} lies in hvmloader's fixed reserved area (${hex(RESERVED_MEMBASE)}–4 GiB): the e820 gets overlapping entries (hvmloader prints " OVERLAP!!"), which some guest OSes reject (Xen ${ctx.xenVersion}).`,
        };
      });
  },
};
