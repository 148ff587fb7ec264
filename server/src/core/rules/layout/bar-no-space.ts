// A 64-bit BAR that does not fit above RAM (the guest's physical address width ends the
// window) or an I/O BAR beyond the 16 KiB I/O window: hvmloader leaves it unassigned.

import type { Rule } from '../rule';
import { barName, barRange, layoutOf, size } from './support';

export const barNoSpace: Rule = {
  slug: 'bar-no-space',
  defaultSeverity: 'error',
  description: 'A 64-bit or I/O BAR gets no space in its window, so hvmloader leaves it unassigned.',
  check(ctx) {
    const layout = layoutOf(ctx);
    const bits = layoutOf(ctx).input.host?.physAddrBits;
    return layout.pci.bars
      .filter((b) => b.window === 'none' && b.wanted !== 'low')
      .map((bar) => ({
        ...barRange(ctx, bar, 'pci'),
        message:
          bar.wanted === 'high'
            ? `The ${barName(bar)} (${size(bar.size)}) gets no space above guest RAM: the 64-bit window ends at 2^${bits ?? 46} (the guest's physical address width${bits ? '' : ', assumed'}), so hvmloader leaves it unassigned and the device does not work (Xen ${ctx.xenVersion}). Reduce \`memory\` or pass fewer large-BAR devices.`
            : `The ${barName(bar)} (${size(bar.size)} of I/O ports) gets no space in the I/O window 0xc000–0xffff, so hvmloader leaves it unassigned and the device's I/O ports do not work (Xen ${ctx.xenVersion}). Remove some emulated devices.`,
      }));
  },
};
