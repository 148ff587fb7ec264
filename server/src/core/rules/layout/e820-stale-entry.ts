// When hvmloader takes every page of RAM above 4 GiB, it stops updating the high RAM entry
// (hvm_info's high end becomes 0 and adjust_memory_map() skips it): the e820 keeps a one-page
// "usable" entry at 4 GiB whose page now holds hvmloader's data (e.g. part of OVMF).

import type { Rule } from '../rule';
import { anchor, layoutOf } from './support';

export const e820StaleEntry: Rule = {
  slug: 'e820-stale-entry',
  defaultSeverity: 'warning',
  description: 'hvmloader used up all RAM above 4 GiB and left a stale usable e820 entry there.',
  check(ctx) {
    const layout = layoutOf(ctx);
    const p = layout.problems.find((x) => x.code === 'e820-stale-entry');
    if (!p) return [];
    return [
      {
        ...anchor(ctx, 'memory', 'maxmem', 'bios'),
        message: `${p.message} (Xen ${ctx.xenVersion}). Change \`memory\` by a few MiB so that RAM above 4 GiB is either absent or larger than what hvmloader takes (${layout.hvmloader.stolenPages.value} pages).`,
      },
    ];
  },
};
