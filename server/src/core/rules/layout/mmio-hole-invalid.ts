// `mmio_hole` outside xl's range (xl exits), or a hole whose start is not aligned for the
// largest BAR in it: hvmloader aligns each BAR upwards and does not count that waste, so a
// hole that looks big enough can still leave a BAR without space.

import type { Fix } from '../../findings';
import type { Rule, RuleFinding } from '../rule';
import { largestLowBar, smallestMmioHole } from '../../layout/fix-values';
import { MMIO_HOLE_MAX_MIB, MMIO_HOLE_MIN_MIB, MiB } from '../../layout/constants';
import { hex, keyRange, layoutOf, layoutWith, regresses, removeKey, setKey, size } from './support';

export const mmioHoleInvalid: Rule = {
  slug: 'mmio-hole-invalid',
  defaultSeverity: 'error',
  description: '`mmio_hole` is outside 256–3840 (xl exits), or its start is not aligned for the largest BAR.',
  check(ctx) {
    const layout = layoutOf(ctx);
    const hole = layout.input.mmioHole;
    const range = keyRange(ctx.view, 'mmio_hole');
    if (!hole || !range || layout.input.type.value !== 'hvm') return [];
    const out: RuleFinding[] = [];
    const v = hole.value;
    if (v < MMIO_HOLE_MIN_MIB || v > MMIO_HOLE_MAX_MIB) {
      // Removing the key gives the layout this config already has apart from xl's refusal
      // (libxl ignores such values); the nearest valid value is offered when it changes nothing else.
      const fixes: Fix[] = [{ title: 'Remove mmio_hole (libxl\'s default hole, which hvmloader grows as needed)', edits: removeKey(ctx.parsed.text, ctx.view, 'mmio_hole'), isPreferred: true }];
      const best = smallestMmioHole(layout.input, layout);
      const to = v < MMIO_HOLE_MIN_MIB ? MMIO_HOLE_MIN_MIB : MMIO_HOLE_MAX_MIB;
      if (best && layout.pci.bars.some((b) => b.window === 'none' && b.wanted === 'low')) {
        fixes.push({ title: `Set mmio_hole = ${best.mib} (the smallest valid hole that fits every 32-bit BAR)`, edits: [setKey(ctx.parsed.text, ctx.view, 'mmio_hole', String(best.mib))] });
      } else {
        const after = layoutWith(ctx, { mmioHole: { ...hole, value: to } });
        const largest = largestLowBar(after);
        const aligned = largest < MiB || (2 ** 32 - to * MiB) % largest === 0;
        if (aligned && !after.pci.bars.some((b) => b.window === 'none')) fixes.push({ title: `Set mmio_hole = ${to}`, edits: [setKey(ctx.parsed.text, ctx.view, 'mmio_hole', String(to))] });
      }
      out.push({
        ...range,
        message: `xl accepts \`mmio_hole\` only from ${MMIO_HOLE_MIN_MIB} to ${MMIO_HOLE_MAX_MIB} (MiB): with ${v} it prints \`ERROR: invalid value ${v} for "mmio_hole"\` and exits, so the guest is not created (Xen 4.5 and later).`,
        fixes,
      });
      return out;
    }
    const largest = largestLowBar(layout);
    const start = 2 ** 32 - v * MiB;
    if (largest >= MiB && start % largest !== 0) {
      const step = largest / MiB;
      // Rounding the hole up can let a bigger (64-bit) BAR stay low, which needs a coarser
      // alignment: repeat until the start is aligned for whatever ends up in the hole.
      let up: number | undefined;
      let want = largest;
      for (let i = 0, cand = v; i < 8; i++) {
        const next = Math.ceil(cand / (want / MiB)) * (want / MiB);
        if (next > MMIO_HOLE_MAX_MIB) break;
        const r = layoutWith(ctx, { mmioHole: { ...hole, value: next } });
        const l = largestLowBar(r);
        if (l < MiB || (2 ** 32 - next * MiB) % l === 0) {
          up = next;
          break;
        }
        want = l;
        cand = next;
      }
      const fixes: Fix[] =
        up !== undefined && !regresses(ctx, { mmioHole: { ...hole, value: up } })
          ? [{ title: `Set mmio_hole = ${up} (hole start aligned for the BARs in it)`, edits: [setKey(ctx.parsed.text, ctx.view, 'mmio_hole', String(up))], isPreferred: true }]
          : [];
      out.push({
        ...range,
        severity: 'warning',
        message: `With \`mmio_hole=${v}\` the hole starts at ${hex(start)}, which is not a multiple of the largest BAR in it (${size(largest)}): hvmloader rounds each BAR's address up and wastes the gap, so the hole holds less than its size suggests (Xen ${ctx.xenVersion}). A multiple of ${step} MiB keeps the start aligned.`,
        fixes,
      });
    }
    return out;
  },
};
