// libxl's guest memory map (libxl_x86.c:domain_construct_memmap()) as hvmloader receives it, and
// hvmloader's adjust_memory_map() (e820.c), which keeps it in step with hvm_info's low/high RAM
// ends after hvmloader moves or takes RAM.

import { FOUR_GIB } from './constants';
import type { RdmEntry } from './types';

export interface MapEntry {
  start: number;
  size: number;
  type: 'ram' | 'reserved';
  origin: string;
}

/** Entries in libxl's order; low RAM starts at 1 MiB with a device model (HVM), at 0 for PVH. */
export function libxlMemoryMap(lowStart: number, lowmemEnd: number, highmemEnd: number, rdms: readonly RdmEntry[]): MapEntry[] {
  const map: MapEntry[] = [{ start: lowStart, size: lowmemEnd - lowStart, type: 'ram', origin: 'libxl low RAM' }];
  for (const r of rdms) {
    // Entries libxl never reached (it stopped at a strict conflict) are kept as they would
    // be had it gone on, so the rest of the layout shows every other problem too.
    const wouldKeep = r.action === 'unchecked' && !r.conflicts && r.policy !== 'invalid' && r.why.includes('never checked');
    if (r.action === 'reserved' || wouldKeep) {
      map.push({ start: r.start, size: r.size, type: 'reserved', origin: `RMRR ${r.devices.join(', ') || 'of the host'}` });
    }
  }
  // libxl adds the high entry only when there is RAM above 4 GiB (a 4.13 guest whose high
  // memory "ends" at 4 GiB gets none here; hvmloader then creates a zero-length one).
  if (highmemEnd > FOUR_GIB) map.push({ start: FOUR_GIB, size: highmemEnd - FOUR_GIB, type: 'ram', origin: 'libxl high RAM' });
  return map;
}

/** hvmloader's adjust_memory_map(): `lowPgend`/`highPgend` are hvm_info's page numbers. */
export function adjustMemoryMap(map: MapEntry[], lowPgend: number, highPgend: number): void {
  // low_mem_end is a uint32_t in hvmloader.
  const lowEnd = (lowPgend * 4096) % FOUR_GIB;
  let highEnd = highPgend * 4096;
  for (const e of map) {
    const end = e.start + e.size;
    if (e.type === 'ram' && lowEnd > e.start && lowEnd < end) {
      e.size = lowEnd - e.start;
      continue;
    }
    if (e.type === 'ram' && highEnd && e.start === FOUR_GIB) {
      if (highEnd !== end) e.size = highEnd - e.start;
      highEnd = 0;
      continue;
    }
  }
  if (highEnd) {
    map.push({ start: FOUR_GIB, size: highPgend * 4096 - FOUR_GIB, type: 'ram', origin: 'high RAM created by hvmloader' });
  }
}
