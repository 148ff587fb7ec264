// The whole layout, stage by stage in the order Xen runs them:
// xl/libxl defaults → low/high split → RDM → libxc population → QEMU → hvmloader PCI setup →
// hvmloader pages → e820. Pure arithmetic on ranges (no per-page loops), fast enough to run on
// every keystroke. A fatal problem does not stop the computation: later stages are computed as
// if Xen had gone on, so every other problem is still reported, and `fatal` says where the real
// run stops.

import { FOUR_GIB, MiB, RESERVED_MEMBASE, RESERVED_MEMORY_DYNAMIC_END, hex, reservedMemoryDynamicStart } from './constants';
import { resolveDefaults } from './defaults';
import { buildE820 } from './e820';
import { takeHvmloaderPages } from './hvmloader-pages';
import { libxcAccounting } from './libxc';
import { libxlMemoryMap } from './memory-map';
import { needMemory } from './need-memory';
import { placePciBars } from './pci-placement';
import { emulatedDevices } from './qemu';
import { constructRdm } from './rdm';
import { splitRam } from './split';
import type { LayoutInput, LayoutProblem, LayoutResult, Stage } from './types';

const STAGE_RANK: Record<Stage, number> = { xl: 0, libxl: 1, qemu: 2, hvmloader: 3 };

export function computeLayout(input: LayoutInput): LayoutResult {
  const problems: LayoutProblem[] = [];
  const unknowns: string[] = [];
  const log: LayoutResult['log'] = [];
  const hvm = input.type.value === 'hvm';

  const ds = resolveDefaults(input);
  const d = ds.defaults;
  problems.push(...ds.problems);
  unknowns.push(...ds.unknowns);

  const split = splitRam(input, d);

  const rs = constructRdm(input, d, split);
  problems.push(...rs.problems);
  unknowns.push(...rs.unknowns);
  for (const text of rs.log) log.push({ stage: 'libxl', text });
  const lowmemEnd = rs.rdm.lowmemEnd.value;
  const highmemEnd = rs.rdm.highmemEnd.value;

  const libxc = libxcAccounting(input, d, split.memSize.value);
  const freePages = libxc.xenLimitKb.value / 4 - libxc.chargedPages.value;

  const qs = emulatedDevices(input, d, freePages);
  problems.push(...qs.problems);
  unknowns.push(...qs.unknowns);

  const map = libxlMemoryMap(input.type.value === 'pvh' ? 0 : MiB, lowmemEnd, highmemEnd, rs.rdm.entries);

  // hvmloader refuses RMRRs in its own allocation area before it does anything else.
  if (hvm) {
    const dynStart = reservedMemoryDynamicStart(input.xen);
    for (const e of map) {
      if (e.type === 'reserved' && e.start < RESERVED_MEMORY_DYNAMIC_END && dynStart < e.start + e.size) {
        problems.push({
          stage: 'hvmloader',
          code: 'rdm-in-hvmloader-area',
          message: `Fail to setup memory map due to conflict on dynamic reserved memory range. (the RMRR at ${hex(e.start)} overlaps hvmloader's area ${hex(dynStart)}–${hex(RESERVED_MEMORY_DYNAMIC_END)})`,
          fatal: true,
        });
      } else if (e.type === 'reserved' && e.start < FOUR_GIB && e.start + e.size > RESERVED_MEMBASE) {
        problems.push({
          stage: 'hvmloader',
          code: 'rdm-in-hvmloader-area',
          message: `the RMRR at ${hex(e.start)} overlaps hvmloader's fixed reserved area (${hex(RESERVED_MEMBASE)}–4 GiB): the e820 gets overlapping entries (hvmloader prints " OVERLAP!!")`,
          fatal: false,
        });
      }
    }
  }

  let pci: LayoutResult['pci'];
  let lowPgend = lowmemEnd / 4096;
  let highPgend = highmemEnd / 4096;
  if (hvm) {
    const ps = placePciBars(input, d, qs.qemu.devices, qs.nextSlot, lowmemEnd, highmemEnd, map);
    problems.push(...ps.problems);
    unknowns.push(...ps.unknowns);
    for (const text of ps.log) log.push({ stage: 'hvmloader', text });
    pci = ps.pci;
    lowPgend = ps.lowPgend;
    highPgend = ps.highPgend;
  } else {
    pci = {
      bars: [],
      mmioTotal: 0,
      window: { start: split.mmioStart.value, end: input.type.value === 'pvh' ? FOUR_GIB : FOUR_GIB, why: split.mmioStart.why },
      bar64Relocate: false,
      relocatedPages: 0,
      highWindow: null,
      opregion: false,
      lowmemEnd,
      highmemEnd,
    };
  }

  let hvmloader: LayoutResult['hvmloader'];
  if (hvm) {
    const hs = takeHvmloaderPages(input, d, qs.qemu.leftPages.value, lowPgend, highPgend, map);
    problems.push(...hs.problems);
    unknowns.push(...hs.unknowns);
    hvmloader = hs.hvmloader;
    lowPgend = hs.lowPgend;
    highPgend = hs.highPgend;
  } else {
    hvmloader = {
      pagesNeeded: { value: 0, why: 'no hvmloader outside HVM guests' },
      freshPages: 0,
      stolenPages: { value: 0, why: 'no hvmloader outside HVM guests' },
      stolenHigh: 0,
      stolenLow: 0,
      staleHighEntry: false,
    };
  }
  if (hvmloader.staleHighEntry) {
    problems.push({
      stage: 'hvmloader',
      code: 'e820-stale-entry',
      message: `hvmloader takes all ${hvmloader.stolenHigh} pages of RAM above 4 GiB (and ${hvmloader.stolenLow} below), but the e820 still lists RAM at 0x100000000–0x100000fff: that page now holds firmware data the guest may overwrite`,
      fatal: false,
    });
  }

  const es = buildE820(input, d, map, pci.opregion);
  unknowns.push(...es.unknowns);

  const finalLow = lowPgend * 4096;
  const finalHigh = highPgend * 4096 > FOUR_GIB ? highPgend * 4096 : 0;
  const fudge = hvm && d.maxKb.value > d.targetKb.value ? 1024 : 0;

  problems.sort((a, b) => STAGE_RANK[a.stage] - STAGE_RANK[b.stage]);
  const fatal = problems.find((p) => p.fatal) ?? null;

  return {
    input,
    fatal,
    problems,
    unknowns: [...new Set(unknowns)],
    defaults: d,
    split,
    rdm: rs.rdm,
    libxc,
    qemu: qs.qemu,
    pci,
    hvmloader,
    final: {
      lowmemEnd: {
        value: finalLow,
        why:
          finalLow !== lowmemEnd
            ? `${pci.relocatedPages ? `hvmloader moved ${pci.relocatedPages} pages above 4 GiB` : ''}${pci.relocatedPages && hvmloader.stolenLow ? ' and ' : ''}${hvmloader.stolenLow ? `hvmloader took ${hvmloader.stolenLow} pages for its own use` : ''}`
            : 'as libxl built it',
      },
      highmemEnd: {
        value: finalHigh,
        why: !finalHigh && !hvmloader.staleHighEntry
          ? 'no RAM above 4 GiB'
          : hvmloader.staleHighEntry
          ? 'hvmloader took all RAM above 4 GiB (the e820 keeps a stale one-page entry)'
          : finalHigh !== highmemEnd
            ? `${pci.relocatedPages ? `RAM relocated by hvmloader` : ''}${pci.relocatedPages && hvmloader.stolenHigh ? '; ' : ''}${hvmloader.stolenHigh ? `less ${hvmloader.stolenHigh} pages hvmloader took` : ''}`
            : finalHigh
              ? 'as libxl built it'
              : 'no RAM above 4 GiB',
      },
    },
    e820: es.e820,
    need: needMemory(input, d),
    xenstore: {
      staticMaxKb: d.maxKb.value,
      targetKb: d.targetKb.value - d.videoKb.value - fudge,
      videoramKb: d.videoKb.value,
    },
    log,
  };
}

