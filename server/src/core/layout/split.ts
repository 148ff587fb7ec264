// Stage 2: libxl's split of guest RAM around the low MMIO hole (libxl_dom.c:libxl__build_hvm()).
// RAM = maxmem − videoram; what does not fit below the hole goes above 4 GiB.

import { FOUR_GIB, HVM_BELOW_4G_MMIO_LENGTH, HVM_BELOW_4G_MMIO_START, PVH_MMIO_START, hex, size } from './constants';
import type { Defaults } from './defaults';
import type { LayoutInput, LayoutResult } from './types';

export function splitRam(input: LayoutInput, d: Defaults): LayoutResult['split'] {
  const memSize = (d.maxKb.value - d.videoKb.value) * 1024;
  const memWhy =
    d.videoKb.value > 0
      ? `maxmem ${d.maxKb.value / 1024} MiB − videoram ${d.videoKb.value / 1024} MiB (video memory is part of \`memory\`)`
      : `maxmem ${d.maxKb.value / 1024} MiB`;

  let mmioStart: number;
  let mmioWhy: string;
  if (input.type.value === 'pvh') {
    mmioStart = PVH_MMIO_START;
    mmioWhy = 'PVH: libxl keeps a 64 MiB hole below 4 GiB';
  } else if (input.type.value !== 'hvm') {
    mmioStart = FOUR_GIB;
    mmioWhy = 'PV guests have no MMIO hole';
  } else if (input.mmioHole && FOUR_GIB - input.mmioHole.value * 2 ** 20 < HVM_BELOW_4G_MMIO_START) {
    mmioStart = FOUR_GIB - input.mmioHole.value * 2 ** 20;
    mmioWhy = `\`mmio_hole=${input.mmioHole.value}\`: RAM below 4 GiB ends at 4 GiB − ${size(input.mmioHole.value * 2 ** 20)}`;
  } else {
    mmioStart = FOUR_GIB - HVM_BELOW_4G_MMIO_LENGTH;
    mmioWhy = input.mmioHole
      ? '`mmio_hole=256` gives the same split as the default (libxl tests with a strict `<`), though hvmloader treats it differently'
      : "libxl's default 256 MiB hole";
  }

  let lowmemEnd = memSize;
  let highmemEnd = 0;
  let lowWhy = `all ${size(memSize)} of RAM fits below the hole at ${hex(mmioStart)}`;
  let highWhy = 'no RAM above 4 GiB';
  if (lowmemEnd > mmioStart) {
    highmemEnd = FOUR_GIB + (lowmemEnd - mmioStart);
    lowmemEnd = mmioStart;
    lowWhy = `RAM below 4 GiB stops at the hole (${hex(mmioStart)})`;
    highWhy = `the ${size(highmemEnd - FOUR_GIB)} that do not fit below the hole continue at 4 GiB`;
  }
  return {
    memSize: { value: memSize, why: memWhy },
    mmioStart: { value: mmioStart, why: mmioWhy },
    lowmemEnd: { value: lowmemEnd, why: lowWhy },
    highmemEnd: { value: highmemEnd, why: highWhy },
  };
}
