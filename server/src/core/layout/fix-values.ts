// Values the quick fixes write, chosen by re-running the layout rather than by formula, so a
// fix is only offered when Xen's own algorithm then gives the intended result.

import { MMIO_HOLE_MAX_MIB, MMIO_HOLE_MIN_MIB, MiB } from './constants';
import { computeLayout } from './compute';
import type { LayoutInput, LayoutResult } from './types';

/** The largest BAR hvmloader had to put in the low window (32-bit, or 64-bit kept low). */
export function largestLowBar(r: LayoutResult): number {
  let max = 0;
  for (const b of r.pci.bars) if (!b.io && (b.wanted === 'low' || !b.is64) && b.size > max) max = b.size;
  return max;
}

function lowFailures(r: LayoutResult): number {
  return r.pci.bars.filter((b) => b.window === 'none' && b.wanted === 'low').length;
}

function fatalCodes(r: LayoutResult): string {
  return r.problems
    .filter((p) => p.fatal)
    .map((p) => p.code)
    .sort()
    .join(',');
}

/**
 * The smallest `mmio_hole` (MiB) with which every BAR that needs the low window gets space,
 * whose window start (4 GiB − hole) is aligned to the largest such BAR, and that brings no new
 * fatal problem (e.g. an RMRR that would now overlap RAM under a strict policy).
 */
export function smallestMmioHole(input: LayoutInput, current: LayoutResult = computeLayout(input)): { mib: number; alignMiB: number } | undefined {
  const largest = largestLowBar(current);
  const alignMiB = Math.max(1, largest / MiB);
  // Multiples of 16 MiB keep the number of trial layouts small and stay aligned for BARs below it.
  const step = Math.max(alignMiB, 16);
  const fatal = fatalCodes(current);
  // The window is the hole less hvmloader's 64 MiB reserved area; no smaller hole can hold the
  // 32-bit BARs (which can only go low), so the search starts there (one or two trial layouts in practice).
  const lowTotal = current.pci.bars.filter((b) => !b.io && !b.is64).reduce((n, b) => n + b.size, 0);
  const from = Math.max(MMIO_HOLE_MIN_MIB, (lowTotal + 64 * MiB) / MiB);
  for (let mib = Math.ceil(from / step) * step; mib <= MMIO_HOLE_MAX_MIB; mib += step) {
    if (input.mmioHole && mib === input.mmioHole.value) continue;
    const r = computeLayout({ ...input, mmioHole: { value: mib } });
    if (lowFailures(r) === 0 && fatalCodes(r) === fatal) return { mib, alignMiB };
  }
  return undefined;
}

/**
 * An `rdm_mem_boundary` (MiB) below the RMRR at `start`, so libxl moves low RAM under it instead
 * of reporting a conflict; only when that RMRR then no longer conflicts and nothing new is fatal.
 */
export function boundaryBelow(input: LayoutInput, start: number, current: LayoutResult = computeLayout(input)): number | undefined {
  if (start < 4 * MiB) return undefined; // below that, low RAM would end under hvmloader itself
  const mib = Math.floor((start - 1) / MiB);
  const r = computeLayout({ ...input, rdmMemBoundary: { value: mib } });
  const still = r.rdm.entries.some((e) => e.start === start && (e.action === 'conflict-fatal' || e.action === 'conflict-warn'));
  const before = new Set(current.problems.filter((p) => p.fatal).map((p) => p.code));
  const newFatal = r.problems.some((p) => p.fatal && !before.has(p.code));
  return still || newFatal ? undefined : mib;
}

/**
 * An `mmio_hole` (MiB) whose hole starts at or below the RMRR at `start`, so the RMRR sits in the
 * hole instead of in RAM and libxl, QEMU and hvmloader agree on where RAM is. The start is kept
 * aligned for the largest low BAR; offered only when that RMRR then no longer conflicts and
 * nothing new is fatal.
 */
export function holeBelow(input: LayoutInput, start: number, current: LayoutResult = computeLayout(input)): number | undefined {
  const step = Math.max(1, largestLowBar(current) / MiB);
  const need = Math.ceil((2 ** 32 - start) / MiB);
  const mib = Math.max(MMIO_HOLE_MIN_MIB, Math.ceil(need / step) * step);
  if (mib > MMIO_HOLE_MAX_MIB || (input.mmioHole && input.mmioHole.value >= mib)) return undefined;
  const r = computeLayout({ ...input, mmioHole: { value: mib } });
  const still = r.rdm.entries.some((e) => e.start === start && e.action !== 'reserved');
  const before = new Set(current.problems.filter((p) => p.fatal).map((p) => p.code));
  const newFatal = r.problems.some((p) => p.fatal && !before.has(p.code));
  const newBarFailure = r.pci.bars.filter((b) => b.window === 'none').length > current.pci.bars.filter((b) => b.window === 'none').length;
  return still || newFatal || newBarFailure ? undefined : mib;
}
