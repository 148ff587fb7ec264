// Fixed numbers of Xen's HVM memory model (public headers, libxl, libxc, hvmloader). Sizes and
// addresses are bytes unless the name says KiB or pages. Where a value changed between
// releases, the function next to it takes the release.

import { xenAtLeast } from '../xen-version';

export const KiB = 1024;
export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
export const FOUR_GIB = 4 * GiB;
export const PAGE = 4096;

/** `HVM_BELOW_4G_MMIO_START`: default start of the low MMIO hole (and top of low RAM). */
export const HVM_BELOW_4G_MMIO_START = 0xf0000000;
/** `HVM_BELOW_4G_MMIO_LENGTH`: libxl's default hole for HVM guests (256 MiB). */
export const HVM_BELOW_4G_MMIO_LENGTH = 0x10000000;
/** libxl's PVH hole: 4 GiB − min(special pages, LAPIC, ACPI info) = 64 MiB. */
export const PVH_MMIO_START = 0xfc000000;

/** `LIBXL_MAXMEM_CONSTANT`: Xen's page limit is the target plus this much (KiB). */
export const LIBXL_MAXMEM_CONSTANT_KB = 1024;
/** `LIBXL_HVM_EXTRA_MEMORY` / `LIBXL_PV_EXTRA_MEMORY`: only in libxl_domain_need_memory (KiB). */
export const LIBXL_HVM_EXTRA_MEMORY_KB = 2048;
export const LIBXL_PV_EXTRA_MEMORY_KB = 1024;
/** `LIBXL_VGA_HOLE_SIZE`: pfns 0xA0–0xBF are never populated for HVM guests. */
export const VGA_HOLE_PAGES = 0x20;
/** 8 special pages + 8 ioreq-server pages libxc populates for an HVM guest with a device model. */
export const SPECIAL_PAGES_HVM = 16;
export const RDM_MEM_BOUNDARY_DEFAULT_MIB = 2048;
export const DEFAULT_MAX_MEMKB = 32768;
export const LINUX_STUBDOM_MIB = 128;
export const MINIOS_STUBDOM_MIB = 28;
/** xl's accepted range for `mmio_hole` (MiB). */
export const MMIO_HOLE_MIN_MIB = 256;
export const MMIO_HOLE_MAX_MIB = 3840;
/** libxl's memory map is refused at this many entries. */
export const E820MAX = 128;

/** `RESERVED_MEMBASE`: top of hvmloader's low PCI window; ACPI info page. */
export const RESERVED_MEMBASE = 0xfc000000;
export const ACPI_MEMORY_DYNAMIC_START = 0xfc001000;
export const RESERVED_MEMORY_DYNAMIC_END = 0xfe000000;
/** hvmloader's mem_alloc arena: 0xFC100000 since 4.15 (ACPI got its own area), 0xFC001000 before. */
export function reservedMemoryDynamicStart(xen: string): number {
  return xenAtLeast(xen, '4.15') ? 0xfc100000 : 0xfc001000;
}
/** IGD OpRegion: 3 pages taken downwards from RESERVED_MEMORY_DYNAMIC_END after shared_info. */
export const IGD_OPREGION_BASE = 0xfdffc000;
export const IGD_OPREGION_PAGES = 3;
/** 64-bit BARs larger than this always go above 4 GiB (4.19, backported to 4.17.4 and 4.18.1). */
export const BAR_RELOC_THRESH = GiB;
export const IO_WINDOW_START = 0xc000;
export const IO_WINDOW_END = 0x10000;
/** Table pages hvmloader's ACPI builder takes for the qemu-xen DSDT with 1–128 vCPUs (measured). */
export const ACPI_TABLE_PAGES = 10;
/** What libxl leaves QEMU and hvmloader: LIBXL_MAXMEM_CONSTANT (256 pages) + VGA hole − special pages. */
export const MAXMEM_SLACK_PAGES = 256;

export function hex(n: number): string {
  return '0x' + n.toString(16);
}

/** `0x%016x`, as the JSON output and Linux's e820 lines write addresses. */
export function hex16(n: number): string {
  return '0x' + n.toString(16).padStart(16, '0');
}

/** hvmloader prints 64-bit values as `%x%08x` (high word unpadded, low word padded). */
export function hvmloaderHex(n: number): string {
  const hi = Math.floor(n / 2 ** 32);
  const lo = n - hi * 2 ** 32;
  return hi.toString(16) + lo.toString(16).padStart(8, '0');
}

/** Rounds up to a multiple of `align` (a power of two); exact for values below 2^53. */
export function roundUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

export function roundDown(n: number, align: number): number {
  return Math.floor(n / align) * align;
}

export function pow2ceil(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** The largest power of two dividing n (n > 0). */
export function lowestSetBit(n: number): number {
  let p = 1;
  while (n % (p * 2) === 0 && p < 2 ** 52) p *= 2;
  return p;
}

/** Human size: 256 MiB, 64 KiB, 4 GiB, 1.5 MiB. */
export function size(n: number): string {
  const units: Array<[number, string]> = [
    [GiB, 'GiB'],
    [MiB, 'MiB'],
    [KiB, 'KiB'],
  ];
  for (const [u, name] of units) {
    if (n >= u) {
      const v = n / u;
      return `${Number.isInteger(v) ? v : Number(v.toFixed(2))} ${name}`;
    }
  }
  return `${n} B`;
}
