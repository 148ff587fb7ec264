// Stage 6: hvmloader's PCI setup (tools/firmware/hvmloader/pci.c:pci_setup()): size every BAR,
// size the low MMIO window (fixed by `mmio_hole`, else grown 0xF0000000 → 0xE0000000 →
// 0xC0000000 → 0x80000000 only over RAM-free space unless relocation is allowed), move RAM out
// of the window when allowed, then place BARs largest first: 64-bit BARs go above RAM when the
// low window is short, 32-bit BARs that do not fit get "no space for resource!".

import { xenAtLeast } from '../xen-version';
import {
  BAR_RELOC_THRESH,
  FOUR_GIB,
  HVM_BELOW_4G_MMIO_START,
  IO_WINDOW_END,
  IO_WINDOW_START,
  RESERVED_MEMBASE,
  hex,
  hvmloaderHex,
  lowestSetBit,
  roundDown,
  roundUp,
  size,
} from './constants';
import type { Defaults } from './defaults';
import { adjustMemoryMap, type MapEntry } from './memory-map';
import { pciHostBdfs } from './rdm';
import type { BarInfo, EmulatedDevice, LayoutInput, LayoutProblem, LayoutResult, PlacedBar } from './types';

export interface PlacementStage {
  pci: LayoutResult['pci'];
  problems: LayoutProblem[];
  unknowns: string[];
  log: string[];
  /** hvm_info after relocation, in pages. */
  lowPgend: number;
  highPgend: number;
}

interface ScanDevice {
  devfn: number;
  vendor?: number;
  device?: number;
  class?: number;
  emulated: boolean;
  bars: BarInfo[];
}

const DEFAULT_PHYS_BITS = 46;

/** The passed-through devices as the guest sees them, with the BARs the profile gives. */
function passthroughDevices(input: LayoutInput, firstSlot: number, unknowns: string[]): ScanDevice[] {
  const out: ScanDevice[] = [];
  let slot = firstSlot;
  for (const p of input.pci) {
    if (p.error) continue;
    const bdfs = pciHostBdfs(input, p);
    const guestSlot = p.vslot ?? slot++;
    if (bdfs.length === 0) {
      unknowns.push(`which host device \`${p.spec}\` is, so its BARs are not placed`);
      continue;
    }
    for (const bdf of bdfs) {
      const host = input.host?.pciDevices.find((d) => d.bdf === bdf);
      if (!host) {
        unknowns.push(
          input.host
            ? `the BAR sizes of ${bdf} (not in the host profile \`pciDevices\`), so its BARs are not placed`
            : `the BAR sizes of ${bdf} (no host profile), so its BARs are not placed`,
        );
        continue;
      }
      const func = p.allFunctions ? Number(bdf.slice(-1)) : 0;
      const devfn = guestSlot * 8 + func;
      const name = `passthrough ${bdf}`;
      const bars: BarInfo[] = host.bars.map((b) => ({
        devfn,
        device: name,
        hostBdf: bdf,
        pciOrdinal: p.ordinal,
        bar: b.index,
        size: b.size,
        is64: b.is64,
        prefetch: b.prefetch,
        io: b.io,
      }));
      if (host.romSize) bars.push({ devfn, device: name, hostBdf: bdf, pciOrdinal: p.ordinal, bar: 'rom', size: host.romSize, is64: false, prefetch: false, io: false });
      let cls = host.class;
      if (cls !== undefined && cls > 0xffff) cls = Math.floor(cls / 256);
      out.push({ devfn, vendor: host.vendor, device: host.device, class: cls, emulated: false, bars });
    }
  }
  return out;
}

function barReg(bar: number | 'rom'): number {
  return bar === 'rom' ? 0x30 : 0x10 + 4 * bar;
}

function devName(devfn: number): string {
  return `${Math.floor(devfn / 8).toString(16).padStart(2, '0')}:${(devfn % 8).toString(16)}`;
}

export function placePciBars(
  input: LayoutInput,
  d: Defaults,
  emulated: readonly EmulatedDevice[],
  nextSlot: number,
  lowmemEnd: number,
  highmemEnd: number,
  map: MapEntry[],
): PlacementStage {
  const xen = input.xen;
  const problems: LayoutProblem[] = [];
  const unknowns: string[] = [];
  const log: string[] = [];
  const threshRule = xenAtLeast(xen, '4.17'); // 4.19, backported to 4.17.4 and 4.18.1
  const reserved = map.filter((e) => e.type === 'reserved');

  const scan: ScanDevice[] = [
    ...emulated.map((e) => ({ devfn: e.devfn, vendor: e.vendor, device: e.device, class: e.class, emulated: true, bars: e.bars })),
    ...passthroughDevices(input, nextSlot, unknowns),
  ].sort((a, b) => a.devfn - b.devfn);

  let pciMemStart = HVM_BELOW_4G_MMIO_START;
  let pciMemEnd = RESERVED_MEMBASE;
  let mmioTotal = 0;
  let bar64Relocate = false;
  let opregion = false;
  let virtualVga: 'none' | 'emulated' | 'pt' = 'none';
  const sorted: BarInfo[] = [];
  const placed: PlacedBar[] = [];
  const barUc = !xenAtLeast(xen, '4.21') || input.platformPciBarUc.value;

  for (const dev of scan) {
    if (dev.class === 0x0300) {
      if ((dev.vendor === 0x1234 && dev.device === 0x1111) || (dev.vendor === 0x1013 && dev.device === 0x00b8)) virtualVga = 'emulated';
      else if (virtualVga === 'none') {
        virtualVga = 'pt';
        // hvmloader reserves 3 pages for the IGD OpRegion of an Intel VGA that is primary.
        if (dev.vendor === 0x8086) opregion = true;
      }
    }
    for (const bar of dev.bars) {
      if (!barUc && !bar.io && dev.vendor === 0x5853 && (dev.device === 1 || dev.device === 2)) {
        // 4.21+ with xen_platform_pci_bar_uc=0: the platform BAR goes to the top of the window.
        if (bar.is64) log.push(`xen platform pci dev ${devName(dev.devfn)} unexpected MMIO 64bit BAR${bar.bar}`);
        else if (bar.size > pciMemEnd || roundDown(pciMemEnd - bar.size, bar.size) < pciMemStart) {
          log.push(`xen platform pci dev ${devName(dev.devfn)} BAR${bar.bar} size ${bar.size.toString(16)} overflows low PCI hole`);
        } else {
          pciMemEnd = roundDown(pciMemEnd - bar.size, bar.size);
          placed.push({ ...bar, base: pciMemEnd, window: 'low', wanted: 'low', why: '`xen_platform_pci_bar_uc=0` (4.21+): placed first, at the top of the low window, so it can be mapped write-back' });
          continue;
        }
      }
      let k = 0;
      while (k < sorted.length && sorted[k].size >= bar.size) k++;
      sorted.splice(k, 0, bar);
      if (threshRule && bar.is64 && bar.size > BAR_RELOC_THRESH) bar64Relocate = true;
      else if (!bar.io) mmioTotal += bar.size;
    }
  }
  const mmioTotalAll = mmioTotal;

  // Size the low window.
  let windowWhy: string;
  let blockedGrowth: { wouldStart: number } | undefined;
  // libxl writes platform/mmio_hole_size only when 4 GiB − hole ≤ 0xF0000000 (hole ≥ 256 MiB);
  // otherwise hvmloader never hears of it and sizes the window itself.
  const holeBytes = input.mmioHole && FOUR_GIB - input.mmioHole.value * 2 ** 20 <= HVM_BELOW_4G_MMIO_START ? input.mmioHole.value * 2 ** 20 : 0;
  const allow = d.allowMemoryRelocate.value;
  if (holeBytes) {
    const m = FOUR_GIB - holeBytes;
    if (m > HVM_BELOW_4G_MMIO_START) {
      log.push(`max_ram_below_4g=0x${m.toString(16)} too big for mmio_hole_size=0x${holeBytes.toString(16)} has been ignored.`);
      windowWhy = '`mmio_hole` below 256 MiB is ignored by hvmloader: the default start stays';
    } else {
      pciMemStart = m;
      log.push(`pci_mem_start=0x${m.toString(16)} (was 0xf0000000) for mmio_hole_size=0x${holeBytes.toString(16)}`);
      windowWhy = `\`mmio_hole=${input.mmioHole!.value}\` fixes the window's start at 4 GiB − ${size(holeBytes)} (no automatic growth)`;
    }
  } else {
    const next = (s: number) => (s * 2) % FOUR_GIB;
    while (mmioTotal > pciMemEnd - pciMemStart && next(pciMemStart) !== 0 && (allow || next(pciMemStart) >= lowmemEnd)) pciMemStart = next(pciMemStart);
    windowWhy =
      pciMemStart === HVM_BELOW_4G_MMIO_START
        ? `the default window ${hex(HVM_BELOW_4G_MMIO_START)}–${hex(pciMemEnd)}${mmioTotal > pciMemEnd - pciMemStart ? '' : ` holds all ${size(mmioTotal)} of 32-bit-capable MMIO`}`
        : `hvmloader grew the window to ${hex(pciMemStart)} to fit ${size(mmioTotal)} of MMIO`;
    if (mmioTotal > pciMemEnd - pciMemStart && next(pciMemStart) !== 0 && !allow) {
      let s = pciMemStart;
      while (mmioTotal > pciMemEnd - s && next(s) !== 0) s = next(s);
      blockedGrowth = { wouldStart: s };
      windowWhy += `; growing to ${hex(next(pciMemStart))} would cover guest RAM (ends at ${hex(lowmemEnd)}) and ${d.allowMemoryRelocate.why}`;
    }
    if (pciMemStart > lowmemEnd && reserved.some((r) => r.start < pciMemEnd && pciMemStart < r.start + r.size)) {
      pciMemStart = lowmemEnd;
      windowWhy += `; a reserved RMRR lies in the window, so hvmloader extends it down to the end of RAM (${hex(lowmemEnd)})`;
    }
  }
  if (mmioTotal > pciMemEnd - pciMemStart || bar64Relocate) {
    bar64Relocate = true;
    log.push('Low MMIO hole not large enough for all devices, relocating some BARs to 64-bit');
  }

  // Move RAM that the window now covers (only reachable when relocation is allowed).
  let lowPgend = lowmemEnd / 4096;
  let highPgend = highmemEnd / 4096;
  let relocatedPages = 0;
  while (Math.floor(pciMemStart / 4096) < lowPgend) {
    const n = Math.min(lowPgend - Math.floor(pciMemStart / 4096), 0xffff);
    if (highPgend === 0) highPgend = FOUR_GIB / 4096;
    lowPgend -= n;
    log.push(`Relocating 0x${n.toString(16)} pages from ${hvmloaderHex(lowPgend * 4096)} to ${hvmloaderHex(highPgend * 4096)} for lowmem MMIO hole`);
    highPgend += n;
    relocatedPages += n;
  }
  adjustMemoryMap(map, lowPgend, highPgend);

  let highBase = highPgend * 4096;
  if (highBase < FOUR_GIB) highBase = FOUR_GIB;
  const bits = input.host?.physAddrBits ?? DEFAULT_PHYS_BITS;
  const highMax = 2 ** bits;
  const low = { base: pciMemStart, max: pciMemEnd };
  const high = { base: highBase, max: highMax };
  const ioRes = { base: IO_WINDOW_START, max: IO_WINDOW_END };
  let hiStart = 0;
  let usedPhysBitsDefault = false;

  for (const bar of sorted) {
    let res = ioRes;
    let window: PlacedBar['window'] = 'io';
    let why = '';
    if (!bar.io) {
      const use64 = bar.is64 && bar64Relocate && (mmioTotal > low.max - low.base || (threshRule && bar.size > BAR_RELOC_THRESH));
      if (use64) {
        high.base = roundUp(high.base, bar.size);
        if (!hiStart) hiStart = high.base;
        res = high;
        window = 'high';
        usedPhysBitsDefault = input.host?.physAddrBits === undefined;
        why =
          threshRule && bar.size > BAR_RELOC_THRESH
            ? '64-bit BAR over 1 GiB: always placed above 4 GiB (4.17.4/4.18.1/4.19+)'
            : `64-bit BAR and the ${size(mmioTotal)} of MMIO still to place exceed the ${size(low.max - low.base)} left in the low window, so it goes above RAM`;
      } else {
        res = low;
        window = 'low';
        why = bar.is64 ? 'fits the low window (a 64-bit BAR stays low while the remaining MMIO fits)' : '32-bit BAR: placed in the low window';
      }
      if (!threshRule || bar.size <= BAR_RELOC_THRESH) mmioTotal -= bar.size;
    } else why = 'I/O BAR: placed in the I/O window 0xc000–0xffff';
    let base = roundUp(res.base, bar.size);
    if (res === low) {
      // Skip over reserved RMRR ranges (find_next_rmrr(): the lowest reserved end above base).
      const nextRmrr = (b: number) => {
        let best: MapEntry | undefined;
        let minEnd = FOUR_GIB;
        for (const r of reserved) {
          const end = r.start + r.size;
          if (end > b && end <= minEnd) {
            best = r;
            minEnd = end;
          }
        }
        return best;
      };
      let r = nextRmrr(base);
      while (r && base + bar.size > r.start && base < r.start + r.size) {
        base = roundUp(r.start + r.size, bar.size);
        why += ` (moved past the RMRR at ${hex(r.start)})`;
        r = nextRmrr(base);
      }
    }
    const end = base + bar.size;
    if (end < res.base || end > res.max) {
      log.push(`pci dev ${devName(bar.devfn)} bar ${barReg(bar.bar).toString(16).padStart(2, '0')} size ${hvmloaderHex(bar.size)}: no space for resource!`);
      placed.push({
        ...bar,
        base: null,
        window: 'none',
        wanted: window as 'low' | 'high' | 'io',
        why:
          window === 'low'
            ? `no space for resource: ${bar.is64 ? '' : 'a 32-bit BAR can only go in the low window, and '}${size(bar.size)} aligned does not fit in what is left of ${hex(low.base)}–${hex(low.max)}`
            : window === 'high'
              ? `no space above RAM below 2^${bits}`
              : 'no space left in the I/O window',
      });
      problems.push({
        stage: 'hvmloader',
        code: 'bar-no-space',
        message: `pci dev ${devName(bar.devfn)} bar ${barReg(bar.bar).toString(16).padStart(2, '0')} size ${hvmloaderHex(bar.size)}: no space for resource!`,
        fatal: false,
      });
      continue;
    }
    res.base = end;
    placed.push({ ...bar, base, window, wanted: window as 'low' | 'high' | 'io', why });
  }
  if (usedPhysBitsDefault) unknowns.push(`the guest's physical address width (${DEFAULT_PHYS_BITS} bits assumed; it bounds the 64-bit window)`);

  let highWindow: { start: number; end: number } | null = null;
  if (hiStart) {
    const p = lowestSetBit(hiStart);
    highWindow = { start: hiStart, end: (Math.floor((high.base - 1) / p) + 1) * p };
  }
  placed.sort((a, b) => a.devfn - b.devfn || (a.bar === 'rom' ? 6 : a.bar) - (b.bar === 'rom' ? 6 : b.bar));

  return {
    pci: {
      bars: placed,
      mmioTotal: mmioTotalAll,
      window: { start: pciMemStart, end: pciMemEnd, why: windowWhy },
      blockedGrowth,
      bar64Relocate,
      relocatedPages,
      highWindow,
      opregion,
      lowmemEnd: lowPgend * 4096,
      highmemEnd: highPgend * 4096,
    },
    problems,
    unknowns,
    log,
    lowPgend,
    highPgend,
  };
}

