// How much free host memory starting the guest takes (libxl_domain_need_memory(), what xl uses
// to balloon dom0 down): `memory`, the paging pool, IOMMU tables with sync_pt, a fixed extra and
// a stub domain, rounded up to 2 MiB. Shown as a hint on `memory`.

import type { Rule } from '../rule';
import { keyRange, layoutOf } from './support';

export const hostMemoryNeeded: Rule = {
  slug: 'host-memory-needed',
  defaultSeverity: 'hint',
  description: 'How much free host memory Xen needs to start this guest (libxl_domain_need_memory).',
  check(ctx) {
    const layout = layoutOf(ctx);
    const range = keyRange(ctx.view, 'memory') ?? keyRange(ctx.view, 'maxmem');
    if (!range || layout.fatal) return [];
    const kb = layout.need.kb.value;
    return [
      {
        ...range,
        message: `Starting this guest needs ${Math.ceil(kb / 1024)} MiB of free host memory on Xen ${ctx.xenVersion} (${layout.need.kb.why}); xl balloons dom0 down by that much, or creation fails when the host does not have it.`,
      },
    ];
  },
};
