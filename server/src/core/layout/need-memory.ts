// Host memory the guest needs before it can start: libxl_mem.c:libxl__domain_need_memory_calculate(),
// which xl uses to balloon dom0 down. It counts `memory` (not maxmem), the paging pool, the
// IOMMU tables (sync_pt), a fixed extra, and the stub domain; then rounds up to 2 MiB.

import { xenAtLeast } from '../xen-version';
import { LIBXL_HVM_EXTRA_MEMORY_KB, LIBXL_PV_EXTRA_MEMORY_KB, LINUX_STUBDOM_MIB, MINIOS_STUBDOM_MIB, roundUp } from './constants';
import type { Defaults } from './defaults';
import type { LayoutInput, LayoutResult } from './types';

export function needMemory(input: LayoutInput, d: Defaults): LayoutResult['need'] {
  const parts: Array<{ name: string; kb: number }> = [
    { name: 'memory (target)', kb: d.targetKb.value },
    { name: 'paging pool (shadow_memory)', kb: d.shadowKb.value },
  ];
  if (xenAtLeast(input.xen, '4.13') && d.iommuKb.value) parts.push({ name: 'IOMMU page tables (sync_pt)', kb: d.iommuKb.value });
  if (input.type.value === 'pv') parts.push({ name: 'PV extra (LIBXL_PV_EXTRA_MEMORY)', kb: LIBXL_PV_EXTRA_MEMORY_KB });
  else {
    parts.push({ name: 'HVM/PVH extra (LIBXL_HVM_EXTRA_MEMORY)', kb: LIBXL_HVM_EXTRA_MEMORY_KB });
    if (input.type.value === 'hvm' && input.stubdomain.value) {
      if (xenAtLeast(input.xen, '4.14')) {
        const mib = d.dm.value === 'qemu-xen' ? LINUX_STUBDOM_MIB : MINIOS_STUBDOM_MIB;
        parts.push({ name: `stub domain (${mib} MiB default) + its copy of the video memory`, kb: mib * 1024 + d.videoKb.value });
      } else parts.push({ name: 'stub domain (flat 32 MiB before 4.14)', kb: 32768 });
    }
  }
  const sum = parts.reduce((n, p) => n + p.kb, 0);
  const kb = roundUp(sum, 2048);
  return {
    kb: { value: kb, why: `${parts.map((p) => `${p.kb} KiB ${p.name}`).join(' + ')}${kb !== sum ? `, rounded up to 2 MiB` : ''}` },
    parts,
  };
}
