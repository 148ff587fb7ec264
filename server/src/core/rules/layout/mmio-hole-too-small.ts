// A BAR that must live in the low MMIO hole (every 32-bit BAR, and 64-bit ones when the hole
// has room) but gets no space there: hvmloader leaves it unassigned and the device does not
// work. The fix writes the smallest `mmio_hole` that fits every such BAR, found by re-running
// hvmloader's placement, with the hole's start aligned to the largest BAR.

import type { Rule, RuleFinding } from '../rule';
import { smallestMmioHole } from '../../layout/fix-values';
import { anchor, barName, barRange, hex, layoutInputOf, layoutOf, setKey, size } from './support';

export const mmioHoleTooSmall: Rule = {
  slug: 'mmio-hole-too-small',
  defaultSeverity: 'error',
  description: 'A PCI BAR gets no space in the low MMIO hole, so hvmloader leaves it unassigned and the device is invisible.',
  check(ctx) {
    const layout = layoutOf(ctx);
    const failed = layout.pci.bars.filter((b) => b.window === 'none' && b.wanted === 'low');
    if (failed.length === 0) return [];
    const input = layoutInputOf(ctx);
    const w = layout.pci.window;
    const hole = smallestMmioHole(input, layout);
    const why = input.mmioHole && input.mmioHole.value >= 256
      ? `\`mmio_hole=${input.mmioHole.value}\` fixes the hole at ${hex(w.start)}–${hex(w.end)} (${size(w.end - w.start)}) and hvmloader never grows it`
      : layout.pci.blockedGrowth
        ? `the default hole ${hex(w.start)}–${hex(w.end)} (${size(w.end - w.start)}) cannot grow over guest RAM because ${layout.defaults.allowMemoryRelocate.why}`
        : `the hole ${hex(w.start)}–${hex(w.end)} (${size(w.end - w.start)}) is full`;
    const fixes = hole
      ? [
          {
            title: `Set mmio_hole = ${hole.mib} (smallest hole that fits every 32-bit BAR${hole.alignMiB > 1 ? `, aligned for ${size(hole.alignMiB * 2 ** 20)}` : ''})`,
            edits: [setKey(ctx.parsed.text, ctx.view, 'mmio_hole', String(hole.mib), ['memory', 'maxmem', 'pci'])],
            isPreferred: true,
          },
        ]
      : [];
    const advice = hole
      ? `Set \`mmio_hole = ${hole.mib}\`: the hole then starts at ${hex(2 ** 32 - hole.mib * 2 ** 20)} and RAM that no longer fits below it moves above 4 GiB (libxl, QEMU and hvmloader all agree on it).`
      : 'No `mmio_hole` value up to 3840 makes every BAR fit; the device needs a 64-bit BAR (check the host profile) or fewer devices in the hole.';
    const out: RuleFinding[] = [];
    for (const bar of failed) {
      const range = barRange(ctx, bar, 'mmio_hole', 'pci');
      out.push({
        ...range,
        message:
          `The ${barName(bar)} (${size(bar.size)}${bar.is64 ? ', 64-bit' : ', 32-bit'}) gets no space in the low MMIO hole: ${why}. ` +
          `At boot hvmloader prints "no space for resource!" and leaves the BAR unassigned, so the guest cannot use the device (qemu-xen, Xen 4.3 and later; checked for ${ctx.xenVersion}). ` +
          advice,
        fixes,
        related: input.mmioHole ? [{ ...anchor(ctx, 'mmio_hole'), message: 'the hole size is set here' }] : undefined,
      });
    }
    return out;
  },
};
