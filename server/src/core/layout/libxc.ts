// Stage 4: libxc populates the guest (xg_dom_x86.c:meminit_hvm(), alloc_magic_pages_hvm()) under
// the page limit libxl set first (libxl_dom.c:libxl__build_pre(): target + 1 MiB).

import { LIBXL_MAXMEM_CONSTANT_KB, SPECIAL_PAGES_HVM, VGA_HOLE_PAGES } from './constants';
import type { Defaults } from './defaults';
import type { LayoutInput, LayoutResult } from './types';

export function libxcAccounting(input: LayoutInput, d: Defaults, memSize: number): LayoutResult['libxc'] {
  const nrPages = memSize / 4096;
  const xenLimitKb = d.targetKb.value + LIBXL_MAXMEM_CONSTANT_KB;
  const hvm = input.type.value === 'hvm';
  const special = input.type.value === 'pv' ? 0 : hvm ? SPECIAL_PAGES_HVM : 8;
  const hole = hvm ? VGA_HOLE_PAGES : 0;
  if (d.pod.value) {
    const targetPages = (d.targetKb.value - d.videoKb.value) / 4;
    const podTarget = targetPages - VGA_HOLE_PAGES;
    return {
      nrPages,
      podTargetPages: podTarget,
      chargedPages: {
        value: podTarget + special,
        why: `populate-on-demand: the PoD target (memory − videoram = ${targetPages} pages, less the ${VGA_HOLE_PAGES}-page VGA hole) plus ${special} special pages`,
      },
      xenLimitKb: { value: xenLimitKb, why: '`memory` + 1 MiB (LIBXL_MAXMEM_CONSTANT): it is `memory`, not `maxmem`, that limits the guest at build time' },
    };
  }
  return {
    nrPages,
    podTargetPages: null,
    chargedPages: {
      value: nrPages - hole + special,
      why: `${nrPages} RAM pages${hole ? `, less the ${hole}-page VGA hole that is never populated,` : ''} plus ${special} special pages`,
    },
    xenLimitKb: { value: xenLimitKb, why: '`memory` + 1 MiB (LIBXL_MAXMEM_CONSTANT)' },
  };
}
