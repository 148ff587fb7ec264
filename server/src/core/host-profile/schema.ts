// The host profile: the facts about the host that an xl.cfg cannot hold but the guest's memory
// layout depends on (the BARs of passed-through devices, the host's RMRRs, the physical address
// width, the firmware images' sizes, the Xen release). All addresses and sizes are plain
// numbers of bytes: every value the profile can hold (below 2^52 with 46-bit hosts) is exact in
// a double.

import type { XenVersion } from '../xen-version';

export interface HostBar {
  /** BAR register index 0–5 (a 64-bit BAR occupies index and index+1). */
  index: number;
  size: number;
  is64: boolean;
  prefetch: boolean;
  io: boolean;
}

export interface HostPciDevice {
  /** Normalised `dddd:bb:dd.f`, lower case. */
  bdf: string;
  vendor?: number;
  device?: number;
  /** Class code, base class and subclass (`0x0300` is a VGA controller). */
  class?: number;
  /** Name for `pci=['name=…']` specs (xl's assignable-device names), when given. */
  name?: string;
  bars: HostBar[];
  /** Size of the expansion ROM BAR; absent or 0 when the device has none. */
  romSize?: number;
}

export interface HostRmrr {
  start: number;
  /** Inclusive, as the ACPI DMAR table and `rmrrs[].end` write it. */
  end: number;
  /** Normalised BDFs of the devices in the RMRR's scope. */
  devices: string[];
}

export interface HostFirmware {
  /** Size of the SeaBIOS blob libxl hands to hvmloader (sets the BIOS RESERVED e820 entry). */
  seabiosImageSize?: number;
  /** Size of the OVMF image (hvmloader copies it below 4 GiB, paid for with guest pages). */
  ovmfImageSize?: number;
}

export interface HostProfile {
  xenVersion?: XenVersion;
  pciDevices: HostPciDevice[];
  rmrrs: HostRmrr[];
  /** The guest's CPUID physical address width; hvmloader's 64-bit window ends at 2^bits. */
  physAddrBits?: number;
  firmware: HostFirmware;
  /**
   * `intel` or `amd`: decides libxl's passthrough mode (Intel with HAP shares the EPT with the
   * IOMMU, `share_pt`; AMD uses `sync_pt`, which costs extra host memory for IOMMU tables).
   */
  cpuVendor?: 'intel' | 'amd';
}

/** Parses a BDF written `[dddd:]bb:dd.f` (hex) into its normalised form, or undefined. */
export function normaliseBdf(text: string): string | undefined {
  const m = /^(?:([0-9a-fA-F]{1,4}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-7])$/.exec(text.trim());
  if (!m) return undefined;
  const dom = parseInt(m[1] ?? '0', 16);
  const bus = parseInt(m[2], 16);
  const dev = parseInt(m[3], 16);
  if (dev > 0x1f) return undefined;
  return formatBdf(dom, bus, dev, Number(m[4]));
}

export function formatBdf(domain: number, bus: number, dev: number, func: number): string {
  const h = (n: number, w: number) => n.toString(16).padStart(w, '0');
  return `${h(domain, 4)}:${h(bus, 2)}:${h(dev, 2)}.${func}`;
}
