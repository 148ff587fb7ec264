// The layout engine's input (what the config, the host profile and the release say) and its
// result (what each Xen stage decides, each value with the reason it has that value).

import type { OffsetRange } from '../findings';
import type { HostProfile } from '../host-profile/schema';
import type { XenVersion } from '../xen-version';

/** Where a value came from in the config, when it came from a key. */
export interface FromKey<T> {
  value: T;
  /** The key's value range in the document (absent for defaults). */
  src?: OffsetRange;
  /** The key's name as written. */
  key?: string;
}

export type GuestType = 'hvm' | 'pv' | 'pvh';
export type VgaKind = 'cirrus' | 'stdvga' | 'qxl' | 'none';
export type DmVersion = 'qemu-xen' | 'qemu-xen-traditional';
export type BiosKind = 'seabios' | 'ovmf' | 'rombios';
export type RdmPolicy = 'strict' | 'relaxed' | 'invalid';
export type Stage = 'xl' | 'libxl' | 'qemu' | 'hvmloader';

/** One `pci=[…]` entry, read the way xl reads PCI_SPEC_STRING. */
export interface PciInput {
  ordinal: number;
  spec: string;
  /** The list item in the document. */
  src: OffsetRange;
  /** Host BDF (normalised); with `.*` the function is 0 and `allFunctions` is set. */
  bdf?: string;
  allFunctions: boolean;
  /** `name=` (assignable device name) instead of a BDF. */
  name?: string;
  /** `@N` / `vslot=N`: the guest slot. */
  vslot?: number;
  /** `rdm_policy=` when given. */
  rdmPolicy?: RdmPolicy;
  /** xl's own message when it refuses the spec (domain creation stops). */
  error?: string;
}

/** One `vif=[…]` entry as far as the layout cares: does QEMU get an emulated NIC, which model. */
export interface NicInput {
  ordinal: number;
  src: OffsetRange;
  spec: string;
  /** `type=ioemu` (HVM default) gives an emulated NIC and its option ROM; `type=vif` is PV only. */
  emulated: boolean;
  model: string;
  /** Range of `type=…` / `model=…` inside the document, when the spec has them. */
  typeSrc?: OffsetRange;
}

export interface RdmOptionInput {
  text: string;
  src: OffsetRange;
}

/** What the layout needs, read from the config (xl's view), the host profile and the release. */
export interface LayoutInput {
  xen: XenVersion;
  /** Why this release: `--xen-version`, the setting, the profile or the newest. */
  xenWhy: string;
  type: FromKey<GuestType | 'invalid'>;
  /** MiB, as written (xl multiplies by 1024 into KiB). */
  memory?: FromKey<number>;
  maxmem?: FromKey<number>;
  videoram?: FromKey<number>;
  mmioHole?: FromKey<number>;
  rdmMemBoundary?: FromKey<number>;
  shadowMemory?: FromKey<number>;
  vcpus: number;
  maxVcpus: number;
  vga: FromKey<VgaKind | 'invalid'>;
  dm?: FromKey<string>;
  stubdomain: FromKey<boolean>;
  bios?: FromKey<string>;
  /** `firmware=` (4.10+): may select OVMF or replace hvmloader altogether. */
  firmware?: FromKey<string>;
  hap: FromKey<boolean>;
  acpi: FromKey<boolean>;
  platformPci: FromKey<boolean>;
  platformPciBarUc: FromKey<boolean>;
  passthrough?: FromKey<string>;
  vnuma: boolean;
  gfxPassthru: FromKey<boolean>;
  rdm?: RdmOptionInput;
  pci: PciInput[];
  /** The whole `pci` list value, for fixes that add to it. */
  pciSrc?: OffsetRange;
  nics: NicInput[];
  /** Emulated storage controllers libxl creates. */
  scsi: boolean;
  ahci: boolean;
  /** `usb=1` / `usbdevice` (PIIX3 UHCI) or `usbversion` (1–3). */
  usb: boolean;
  usbVersion?: number;
  soundhw?: string;
  /** `extra_memory`: not an xl key (see rules/layout/extra-memory-key.ts). */
  extraMemory?: OffsetRange;
  host?: HostProfile;
  /** Where the host profile came from (file name), for messages. */
  hostSource?: string;
}

/** A number (or other value) with the reason it has that value. */
export interface Traced<T> {
  value: T;
  why: string;
}

export interface LayoutProblem {
  stage: Stage;
  /** Stable slug, shared with the rule that reports it. */
  code: string;
  message: string;
  /** Creation stops here (the guest never runs). */
  fatal: boolean;
}

export type RdmAction = 'reserved' | 'conflict-warn' | 'conflict-fatal' | 'unchecked' | 'ignored';

export interface RdmEntry {
  /** Page-aligned region as libxl sees it. */
  start: number;
  size: number;
  /** The host RMRR as the profile gives it (end inclusive). */
  hostStart: number;
  hostEnd: number;
  devices: string[];
  /** Policy libxl applies in its conflict pass. */
  policy: RdmPolicy;
  /** Which pci entries (ordinals) brought it in; empty when only `rdm=strategy=host` did. */
  viaPci: number[];
  viaHostStrategy: boolean;
  action: RdmAction;
  /** Overlaps guest RAM in libxl's second pass (also for entries libxl never reached). */
  conflicts: boolean;
  why: string;
}

export interface BarInfo {
  /** Guest devfn (slot * 8 + function). */
  devfn: number;
  /** What the device is: `cirrus-vga`, `xen-platform`, `passthrough 0000:01:00.0`, ... */
  device: string;
  hostBdf?: string;
  /** Which pci entry, for passed-through devices. */
  pciOrdinal?: number;
  /** Which vif entry, for emulated NICs. */
  nicOrdinal?: number;
  bar: number | 'rom';
  size: number;
  is64: boolean;
  prefetch: boolean;
  io: boolean;
}

export interface PlacedBar extends BarInfo {
  base: number | null;
  window: 'low' | 'high' | 'io' | 'none';
  /** The window hvmloader tried (differs from `window` only when the BAR got no space). */
  wanted: 'low' | 'high' | 'io';
  why: string;
}

export interface E820Entry {
  start: number;
  /** Exclusive. */
  end: number;
  type: 'usable' | 'reserved' | 'ACPI data' | 'ACPI NVS' | 'unusable';
  origin: string;
}

export interface EmulatedDevice {
  devfn: number;
  name: string;
  vendor: number;
  device: number;
  class: number;
  bars: BarInfo[];
  /** Guest pages QEMU populates for it (VRAM, option ROM): they come out of the 1 MiB slack. */
  ramPages: number;
  ramWhy: string;
  nicOrdinal?: number;
}

export interface LayoutResult {
  input: LayoutInput;
  fatal: LayoutProblem | null;
  problems: LayoutProblem[];
  /** Facts the analysis had to assume or could not know (e.g. BAR sizes with no profile). */
  unknowns: string[];
  defaults: {
    type: Traced<GuestType | 'invalid'>;
    targetKb: Traced<number>;
    maxKb: Traced<number>;
    videoKb: Traced<number>;
    pod: Traced<boolean>;
    dm: Traced<DmVersion>;
    bios: Traced<BiosKind>;
    vga: Traced<VgaKind>;
    passthrough: Traced<'disabled' | 'share_pt' | 'sync_pt'>;
    shadowKb: Traced<number>;
    iommuKb: Traced<number>;
    allowMemoryRelocate: Traced<boolean>;
    rdmPolicy: Traced<RdmPolicy | 'undefined'>;
    rdmStrategy: Traced<'host' | 'ignore'>;
    rdmBoundary: Traced<number>;
  };
  split: {
    memSize: Traced<number>;
    mmioStart: Traced<number>;
    lowmemEnd: Traced<number>;
    highmemEnd: Traced<number>;
  };
  rdm: {
    ran: Traced<boolean>;
    entries: RdmEntry[];
    lowmemEnd: Traced<number>;
    highmemEnd: Traced<number>;
  };
  libxc: {
    nrPages: number;
    podTargetPages: number | null;
    chargedPages: Traced<number>;
    xenLimitKb: Traced<number>;
  };
  qemu: {
    devices: EmulatedDevice[];
    vramPages: number;
    romPages: number;
    pages: Traced<number>;
    freePages: Traced<number>;
    leftPages: Traced<number>;
  };
  pci: {
    bars: PlacedBar[];
    mmioTotal: number;
    window: { start: number; end: number; why: string };
    /** Where the default window would have grown to had relocation been allowed (when it was blocked). */
    blockedGrowth?: { wouldStart: number };
    bar64Relocate: boolean;
    relocatedPages: number;
    highWindow: { start: number; end: number } | null;
    opregion: boolean;
    lowmemEnd: number;
    highmemEnd: number;
  };
  hvmloader: {
    pagesNeeded: Traced<number>;
    freshPages: number;
    stolenPages: Traced<number>;
    stolenHigh: number;
    stolenLow: number;
    staleHighEntry: boolean;
  };
  final: { lowmemEnd: Traced<number>; highmemEnd: Traced<number> };
  e820: E820Entry[];
  need: { kb: Traced<number>; parts: Array<{ name: string; kb: number }> };
  xenstore: { staticMaxKb: number; targetKb: number; videoramKb: number };
  /** Messages the Xen components print along the way (libxl warnings, hvmloader lines). */
  log: Array<{ stage: Stage; text: string }>;
}
