// hvmloader moves guest RAM above 4 GiB to grow the MMIO hole (only when relocation is allowed:
// qemu-xen-traditional ≤ 4.20, or a stub-domain device model before 4.17.4/4.18.1/4.19 that
// never got the allow-memory-relocate key). qemu-xen does not follow: it keeps modelling RAM
// where it was, treats the BAR range as RAM and cannot reach the moved RAM (the 2013 bug).

import type { Rule } from '../rule';
import { anchor, layoutOf, size, hex } from './support';

export const ramRelocation: Rule = {
  slug: 'ram-relocation',
  defaultSeverity: 'error',
  description: 'hvmloader relocates guest RAM for the MMIO hole, which qemu-xen cannot follow.',
  check(ctx) {
    const layout = layoutOf(ctx);
    const n = layout.pci.relocatedPages;
    if (n === 0) return [];
    const qemuXen = layout.defaults.dm.value === 'qemu-xen';
    return [
      {
        ...anchor(ctx, layout.input.stubdomain.src ? 'device_model_stubdomain_override' : 'memory', 'memory'),
        severity: qemuXen ? 'error' : 'information',
        message: qemuXen
          ? `hvmloader moves ${size(n * 4096)} of RAM from below ${hex(layout.rdm.lowmemEnd.value)} to above 4 GiB to grow the MMIO hole, because ${layout.defaults.allowMemoryRelocate.why}. qemu-xen does not follow the move: it treats the new BAR range as RAM and cannot reach the moved RAM, which shows up as "no bootable device" or a QEMU crash (Xen ${ctx.xenVersion}; fixed for stub domains in 4.17.4/4.18.1/4.19). Set \`mmio_hole\` so the hole is built that size from the start.`
          : `hvmloader moves ${size(n * 4096)} of RAM above 4 GiB to grow the MMIO hole; qemu-xen-traditional copes with this (Xen ${ctx.xenVersion}).`,
      },
    ];
  },
};
