// `memory` < `maxmem` on an HVM/PVH guest means populate-on-demand, which libxl refuses with
// passthrough (PoD pages are not backed, so device DMA cannot be mapped by the IOMMU).

import type { Rule } from '../rule';
import { xenAtLeast } from '../../xen-version';
import { anchor, layoutOf, regresses, setKey } from './support';

export const podWithPassthrough: Rule = {
  slug: 'pod-with-passthrough',
  defaultSeverity: 'error',
  description: '`memory` < `maxmem` (populate-on-demand) together with PCI passthrough: libxl refuses the guest.',
  check(ctx) {
    const layout = layoutOf(ctx);
    const p = layout.problems.find((x) => x.code === 'pod-with-passthrough');
    if (!p) return [];
    const mem = layout.input.memory?.value;
    const since = xenAtLeast(ctx.xenVersion, '4.14') ? '4.17, 4.16.1, 4.15.3 and 4.14.5 on; 4.4–4.16.0 printed "PCI device assignment for HVM guest failed due to PoD enabled"' : '4.4 to 4.16.0';
    return [
      {
        ...anchor(ctx, 'maxmem', 'memory'),
        message: `\`memory\` (${mem ?? 'default'}) is below \`maxmem\` (${layout.input.maxmem?.value}), which turns populate-on-demand on, and passthrough cannot work with PoD (the IOMMU needs every guest page backed): libxl prints "${p.message}" and the guest is not created (Xen ${since}). Set \`maxmem\` equal to \`memory\`.`,
        fixes:
          mem !== undefined && !regresses(ctx, { maxmem: { value: mem } }, ['pod-with-passthrough'])
            ? [{ title: `Set maxmem = ${mem} (= memory)`, edits: [setKey(ctx.parsed.text, ctx.view, 'maxmem', String(mem))], isPreferred: true }]
            : undefined,
      },
    ];
  },
};
