// Stage 8: the e820 table hvmloader hands to the firmware (e820.c:build_e820_table()): fixed
// low entries, the ACPI NVS region (4.15+), one RESERVED entry up to 4 GiB (split around an IGD
// OpRegion), then libxl's memory map as hvmloader adjusted it; sorted with hvmloader's exchange
// sort, never merged. PVH guests get libxl's map directly.

import { xenAtLeast } from '../xen-version';
import { ACPI_MEMORY_DYNAMIC_START, ACPI_TABLE_PAGES, FOUR_GIB, IGD_OPREGION_BASE, IGD_OPREGION_PAGES, KiB, MiB, RESERVED_MEMBASE, size } from './constants';
import type { Defaults } from './defaults';
import type { MapEntry } from './memory-map';
import type { E820Entry, LayoutInput } from './types';

export const DEFAULT_SEABIOS_SIZE = 256 * KiB;

export interface E820Stage {
  e820: E820Entry[];
  unknowns: string[];
  overlaps: boolean;
}

export function buildE820(input: LayoutInput, d: Defaults, map: readonly MapEntry[], opregion: boolean): E820Stage {
  const unknowns: string[] = [];
  const out: E820Entry[] = [];
  const add = (start: number, end: number, type: E820Entry['type'], origin: string) => out.push({ start, end, type, origin });

  if (input.type.value === 'pvh') {
    for (const e of map) add(e.start, e.start + e.size, e.type === 'ram' ? 'usable' : 'reserved', e.origin);
    add(0xfeff8000, 0xff000000, 'reserved', 'special pages (PVH)');
    unknowns.push("the ACPI entries libxl adds for a PVH guest (sizes of its ACPI modules; they start at 0xfc000000)");
    sortLikeHvmloader(out);
    return { e820: out, unknowns, overlaps: false };
  }
  if (input.type.value !== 'hvm') {
    unknowns.push('the memory map of a PV guest (Xen gives it RAM from 0 to `memory`; not modelled)');
    return { e820: out, unknowns, overlaps: false };
  }

  const bios = d.bios.value;
  const lowmemReservedBase = bios === 'rombios' ? 0x9e000 : 0xa0000;
  let biosBase: number;
  let biosWhy: string;
  if (bios === 'seabios') {
    const sz = input.host?.firmware.seabiosImageSize;
    if (sz === undefined) unknowns.push(`the SeaBIOS blob size (${size(DEFAULT_SEABIOS_SIZE)} assumed, as Xen's in-tree build; set \`firmware.seabiosImageSize\` in the host profile)`);
    biosBase = MiB - (sz ?? DEFAULT_SEABIOS_SIZE);
    biosWhy = `SeaBIOS image (${size(sz ?? DEFAULT_SEABIOS_SIZE)})`;
  } else if (bios === 'ovmf') {
    biosBase = 0xf0000;
    biosWhy = 'OVMF reset-vector chunk';
  } else {
    biosBase = 0xe0000;
    biosWhy = 'ROMBIOS';
  }

  add(0, lowmemReservedBase, 'usable', 'hvmloader: RAM below the VGA window');
  if (lowmemReservedBase < 0xa0000) add(lowmemReservedBase, 0xa0000, 'reserved', 'reserved by ROMBIOS');
  add(biosBase, MiB, 'reserved', biosWhy);
  const nvs = input.acpi.value && xenAtLeast(input.xen, '4.15');
  const acpiEnd = nvs ? ACPI_MEMORY_DYNAMIC_START + ACPI_TABLE_PAGES * 4096 : RESERVED_MEMBASE;
  if (nvs) add(RESERVED_MEMBASE, acpiEnd, 'ACPI NVS', 'ACPI info page + ACPI tables (4.15+)');
  const resWhy = 'special pages, IOAPIC, HPET, LAPIC, hvmloader data';
  if (opregion) {
    add(acpiEnd, IGD_OPREGION_BASE, 'reserved', resWhy);
    add(IGD_OPREGION_BASE, IGD_OPREGION_BASE + IGD_OPREGION_PAGES * 4096, 'ACPI NVS', 'IGD OpRegion');
    add(IGD_OPREGION_BASE + IGD_OPREGION_PAGES * 4096, FOUR_GIB, 'reserved', resWhy);
  } else add(acpiEnd, FOUR_GIB, 'reserved', resWhy);
  for (const e of map) add(e.start, e.start + e.size, e.type === 'ram' ? 'usable' : 'reserved', e.origin);
  sortLikeHvmloader(out);
  let overlaps = false;
  let lastEnd = 0;
  for (const e of out) {
    if (e.start < lastEnd) overlaps = true;
    lastEnd = e.end;
  }
  return { e820: out, unknowns, overlaps };
}

/** hvmloader's exchange sort (not stable: it decides the order of entries with equal starts). */
function sortLikeHvmloader(e: E820Entry[]): void {
  for (let j = 0; j < e.length - 1; j++) {
    for (let i = j + 1; i < e.length; i++) {
      if (e[j].start > e[i].start) {
        const tmp = e[j];
        e[j] = e[i];
        e[i] = tmp;
      }
    }
  }
}
