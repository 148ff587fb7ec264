// QEMU populates its video memory and option ROMs from the guest's own page allowance, which
// libxl sets to `memory` + 1 MiB before anything is built; after libxc, 1088 KiB are left.
// More than that and QEMU fails ("xen: failed to populate ram at …"): the device model does
// not start and the guest is not created. No xl key adds headroom in any release.

import type { Rule } from '../rule';
import { anchor, layoutInputOf, layoutOf } from './support';
import { romFixes } from './nic-fixes';

export const qemuPageBudget: Rule = {
  slug: 'qemu-page-budget',
  defaultSeverity: 'error',
  description: "QEMU's video memory and option ROMs exceed the 1 MiB libxl leaves: the device model fails to start.",
  check(ctx) {
    const layout = layoutOf(ctx);
    if (layout.qemu.leftPages.value >= 0 || layout.input.type.value !== 'hvm') return [];
    const input = layoutInputOf(ctx);
    const shortKb = -layout.qemu.leftPages.value * 4;
    // What libxl leaves QEMU beyond the video memory it carved out of `memory`: normally
    // 1088 KiB (LIBXL_MAXMEM_CONSTANT's 1 MiB + the unpopulated VGA hole − special pages).
    const videoPages = layout.defaults.videoKb.value / 4;
    const slackKb = (layout.qemu.freePages.value - videoPages) * 4;
    const extraKb = (layout.qemu.pages.value - videoPages) * 4;
    const firstNic = input.nics.find((n) => n.emulated);
    const range = firstNic ? firstNic.src : anchor(ctx, 'vga', 'videoram', 'memory');
    return [
      {
        ...range,
        message:
          `QEMU needs ${shortKb} KiB more than the ${slackKb === 1088 ? '1 MiB' : `${slackKb} KiB`} libxl leaves: beyond the ${videoPages * 4} KiB of \`videoram\` it populates ${extraKb} KiB more (${layout.qemu.pages.why}), and only ${slackKb} KiB are left under the guest's page limit. ` +
          `It fails with "xen: failed to populate ram", the device model does not start and the guest is not created (every release; the headroom is the fixed 1 MiB of LIBXL_MAXMEM_CONSTANT). ` +
          'Raising `memory` or `maxmem` does not help and xl has no `extra_memory` key: use PV NICs (`type=vif`), fewer emulated NICs, or `vga="none"`.',
        fixes: romFixes(ctx, (r) => r.qemu.leftPages.value >= 0),
      },
    ];
  },
};
