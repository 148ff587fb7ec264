// Stage 7: the pages hvmloader populates after PCI setup (SMBIOS/MP table/TSS arena, the OVMF
// image, the ACPI info page and tables), and what happens when the guest's page limit is
// reached: util.c:mem_hole_populate_ram() takes each further page from the top of guest RAM
// (high RAM first, then low RAM), shrinking the e820's RAM entries. When high RAM runs out
// the last high entry is not removed: it stays one page long although that page is gone.

import { ACPI_TABLE_PAGES, FOUR_GIB, MiB, hex, size } from './constants';
import type { Defaults } from './defaults';
import { adjustMemoryMap, type MapEntry } from './memory-map';
import type { LayoutInput, LayoutProblem, LayoutResult, Traced } from './types';

export interface PagesStage {
  hvmloader: LayoutResult['hvmloader'];
  problems: LayoutProblem[];
  unknowns: string[];
  lowPgend: number;
  highPgend: number;
}

export const DEFAULT_OVMF_SIZE = 2 * MiB;

/** Pages hvmloader populates for a guest with this firmware, vCPU count and ACPI setting. */
export function hvmloaderPagesNeeded(input: LayoutInput, d: Defaults, unknowns: string[]): Traced<number> {
  const acpi = input.acpi.value ? 1 + ACPI_TABLE_PAGES : 0;
  const acpiWhy = input.acpi.value ? `1 ACPI info page + ${ACPI_TABLE_PAGES} ACPI table pages` : 'no ACPI tables (`acpi=0`)';
  if (d.bios.value === 'ovmf') {
    const img = input.host?.firmware.ovmfImageSize;
    if (img === undefined) unknowns.push(`the OVMF image size (${size(DEFAULT_OVMF_SIZE)} assumed; set \`firmware.ovmfImageSize\` in the host profile)`);
    const bytes = img ?? DEFAULT_OVMF_SIZE;
    // ovmf_load() populates whole pages from the image's start to its end page.
    const imgPages = Math.floor(bytes / 4096);
    return { value: imgPages + 1 + acpi, why: `OVMF image ${imgPages} pages + 1 vm86 TSS page + ${acpiWhy}` };
  }
  if (d.bios.value === 'rombios') {
    unknowns.push("hvmloader's page use with ROMBIOS (assumed: the TSS page and the ACPI pages)");
    return { value: 1 + acpi, why: `1 vm86 TSS page + ${acpiWhy}` };
  }
  // SeaBIOS: SMBIOS, MP table and vm86 TSS share mem_alloc() pages (measured: 1 page up to 46
  // vCPUs, 2 up to 106, 3 up to 128).
  const v = input.maxVcpus;
  const arena = v <= 46 ? 1 : v <= 106 ? 2 : 3;
  return { value: arena + acpi, why: `${arena} page${arena > 1 ? 's' : ''} for SMBIOS, MP table and vm86 TSS (${v} vCPUs) + ${acpiWhy}` };
}

export function takeHvmloaderPages(
  input: LayoutInput,
  d: Defaults,
  leftAfterQemu: number,
  lowPgend: number,
  highPgend: number,
  map: MapEntry[],
): PagesStage {
  const problems: LayoutProblem[] = [];
  const unknowns: string[] = [];
  const needed = hvmloaderPagesNeeded(input, d, unknowns);
  const fresh = Math.max(0, leftAfterQemu);
  const stolen = Math.max(0, needed.value - fresh);
  const fourG = FOUR_GIB / 4096;
  let stolenHigh = 0;
  let stolenLow = 0;
  let stale = false;

  if (stolen > 0 && highPgend === fourG) {
    // 4.13's zero-length "high memory" (the RDM step set its end to 4 GiB): the first page
    // hvmloader takes is the one just below 4 GiB, and the high entry's size underflows.
    problems.push({
      stage: 'hvmloader',
      code: 'e820-stale-entry',
      message: `hvmloader takes ${stolen} pages starting just below 4 GiB (4.13 left high RAM "ending" at 4 GiB), and the e820's high RAM entry gets a negative size: the guest sees a corrupt memory map`,
      fatal: false,
    });
  } else if (stolen > 0) {
    const highPages = highPgend > fourG ? highPgend - fourG : 0;
    stolenHigh = Math.min(stolen, highPages);
    stolenLow = stolen - stolenHigh;
    if (highPages > 0 && stolen >= highPages) {
      stale = true;
      highPgend = 0;
      // adjust_memory_map() last ran while one high page was left, then skips the entry.
      const hi = map.find((e) => e.type === 'ram' && e.start === FOUR_GIB);
      if (hi) hi.size = 4096;
    } else if (highPages > 0) highPgend -= stolenHigh;
    lowPgend -= stolenLow;
    adjustMemoryMap(map, lowPgend, highPgend);
  }
  if (lowPgend * 4096 < 2 * MiB) {
    problems.push({ stage: 'hvmloader', code: 'low-ram-too-small', message: `BUG_ON(low_mem_end < 2 MiB): low RAM ends at ${hex(lowPgend * 4096)}; hvmloader stops the guest`, fatal: true });
  }
  return {
    hvmloader: {
      pagesNeeded: needed,
      freshPages: Math.min(fresh, needed.value),
      stolenPages: {
        value: stolen,
        why:
          stolen === 0
            ? `${fresh} pages were left under the page limit after QEMU, enough for hvmloader's ${needed.value}`
            : `hvmloader needs ${needed.value} pages but only ${fresh} are left under the page limit, so ${stolen} pages (${size(stolen * 4096)}) are taken from the top of guest RAM`,
      },
      stolenHigh,
      stolenLow,
      staleHighEntry: stale,
    },
    problems,
    unknowns,
    lowPgend,
    highPgend,
  };
}
