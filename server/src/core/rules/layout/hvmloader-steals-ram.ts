// hvmloader's own pages (ACPI tables, SMBIOS/MP/TSS, the OVMF image) come from what is left
// under the page limit after QEMU; the rest is taken from the top of guest RAM, so the guest
// sees less RAM than `memory` says (e.g. ~1.3 MiB with a 2 MiB OVMF image).

import type { Rule } from '../rule';
import { anchor, hex, layoutOf, size } from './support';
import { romFixes } from './nic-fixes';

export const hvmloaderStealsRam: Rule = {
  slug: 'hvmloader-steals-ram',
  defaultSeverity: 'information',
  description: 'hvmloader takes guest RAM for its own pages because QEMU used up the slack.',
  check(ctx) {
    const layout = layoutOf(ctx);
    const n = layout.hvmloader.stolenPages.value;
    if (n === 0 || layout.fatal) return [];
    const fixes = romFixes(ctx, (r) => r.hvmloader.stolenPages.value === 0);
    return [
      {
        ...anchor(ctx, 'memory', 'maxmem', 'bios'),
        message:
          `${layout.hvmloader.stolenPages.why}: the guest's RAM ends at ${hex(layout.final.highmemEnd.value || layout.final.lowmemEnd.value)} instead of ${hex(layout.rdm.highmemEnd.value || layout.rdm.lowmemEnd.value)}, ${size(n * 4096)} less than configured (Xen ${ctx.xenVersion}). ` +
          `hvmloader needs ${layout.hvmloader.pagesNeeded.value} pages (${layout.hvmloader.pagesNeeded.why}); QEMU left ${Math.max(0, layout.qemu.leftPages.value)}.` +
          (fixes.length
            ? ' Harmless unless the guest relies on every configured page; fewer option ROMs (PV-only NICs) leave room for hvmloader instead.'
            : ' Harmless unless the guest relies on every configured page; raise `memory` by that much if it does.'),
        fixes,
      },
    ];
  },
};
