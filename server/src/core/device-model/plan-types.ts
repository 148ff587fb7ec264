// The shape of the device-model plan: what xl and libxl will run for one config on one Xen
// release. Every decision carries its reason (for hovers and messages) and, when a key
// decided it, that key's value range.

import type { OffsetRange } from '../findings';
import type { XenVersion } from '../xen-version';
import type { AssumedQemu } from './qemu-releases';
import type { DiskEntry } from './disk-entries';
import type { GuestType } from './guest-type';

export interface Decision<T> {
  value: T;
  /** Why, in a short clause: `device_model_version = "qemu-xen"`, `libxl's default on 4.21+`. */
  reason: string;
  /** The value that decided it, when a key did. */
  source?: OffsetRange;
}

export type DeviceModelKind = 'qemu-xen' | 'qemu-xen-traditional';

/**
 * `refused`: xl exits on the `device_model_version` value. `unknown`: libxl ends without a
 * usable device model (a stub domain requested without an explicit version: an error on
 * 4.21+ HVM and on ≤4.20 PV/PVH).
 */
export type DeviceModelOutcome = DeviceModelKind | 'refused' | 'unknown';

export type FirmwareKind = 'seabios' | 'ovmf' | 'rombios';

export type DiskEmulation = 'ide' | 'ahci' | 'scsi' | 'ide-cd' | 'none';

export interface PlannedDisk {
  entry: DiskEntry;
  /** How QEMU presents it to the guest. 'none': PV only (or not at all without PV drivers). */
  emulated: DiskEmulation;
  /** Why it is (not) emulated. */
  emulationReason: string;
  /**
   * Why a disk is not emulated: beyond the IDE/AHCI range, a CD-ROM beyond index 4, beyond a
   * stub domain's 26 disks, a vdev without disk number, no device model at all, or a
   * qemu-xen-traditional guest (whose disk choice is not modelled).
   */
  notEmulatedBecause?: 'range' | 'cdrom-range' | 'stubdomain-limit' | 'no-disk-number' | 'no-device-model' | 'not-modelled';
  /** QEMU will likely refuse to start because of this disk (reason in emulationReason). */
  breaksQemu: boolean;
  /** libxl also attaches it as a PV vbd (every disk of a guest is one). */
  pv: boolean;
  /** Whether the emulated copy goes away when the guest's PV drivers ask for unplug. */
  unplugged: 'yes' | 'no' | 'n/a';
  unplugReason: string;
}

export interface PlannedNic {
  ordinal: number;
  item: OffsetRange;
  /** `type=ioemu` (HVM default) gives an emulated NIC and a PV vif; `type=vif` only the vif. */
  emulated: boolean;
}

export interface PciEntry {
  ordinal: number;
  item: OffsetRange;
  spec: string;
  /** After the global `pci_permissive` default and the entry's own `permissive=`. */
  permissive: boolean;
}

export interface DeviceModelPlan {
  xen: XenVersion;
  guestType: Decision<GuestType>;
  /** xl refused the `type`/`builder` value. */
  guestTypeInvalid?: string;

  /** `device_model_version` as written, and whether this release's xl accepts it. */
  versionSetting?: { value: string; range: OffsetRange; accepted: boolean };
  /** The device model libxl ends up with (HVM), or the one serving PV backends (PV/PVH). */
  deviceModel: Decision<DeviceModelOutcome>;
  /** When the version was not given: libxl's silent fallback to traditional if qemu-xen is missing (≤4.20). */
  mayFallBackToTraditional: boolean;

  /** `device_model_stubdomain_override` as written (any guest type). */
  stubdomainRequested?: Decision<boolean>;
  /** An HVM guest whose QEMU runs in a stub domain. */
  stubdomain: boolean;
  /** Which stub domain: Linux + qemu-xen, or Mini-OS + qemu-xen-traditional. */
  stubdomainKind?: 'linux' | 'mini-os';
  /** Where the guest's device model runs. */
  runsIn: Decision<'dom0' | 'stub-domain' | 'nowhere'>;
  /** The stub domain's memory on the host: stubdomain_memory (or its default) plus videoram. */
  stubdomainMemoryMiB?: Decision<number>;
  stubdomainMemorySetting?: { value: number; range: OffsetRange };

  qemu: AssumedQemu;

  /** HVM firmware (undefined for PV/PVH; with a refused/unknown device model, only what `bios`/`firmware` ask for). */
  firmware?: Decision<FirmwareKind>;
  /** `bios` as written, valid or not. */
  biosSetting?: { value: string; range: OffsetRange; valid: boolean };
  /** HVM `firmware=` path that replaces hvmloader. */
  hvmloaderOverride?: Decision<string>;
  biosPathOverride?: Decision<string>;
  /** HVM direct kernel boot (`kernel=` on HVM, loaded by QEMU). */
  directKernelBoot?: Decision<string>;

  /** HVM only: the Xen platform PCI device (PV drivers, unplug). */
  platformPci: Decision<boolean>;
  hdtype: Decision<'ide' | 'ahci'>;
  /** `hdtype` as written and whether xl accepts it. */
  hdtypeSetting?: { value: string; range: OffsetRange; valid: boolean };
  /** How many hard disks QEMU emulates on the IDE/AHCI bus (0-based index limit). */
  emulatedDiskLimit: number;
  /** Empty for PV/PVH (no emulated disks) — all disks are listed with their outcome for HVM. */
  disks: PlannedDisk[];
  nics: PlannedNic[];
  pci: PciEntry[];
  vga: Decision<'cirrus' | 'stdvga' | 'none' | 'qxl'>;
  videoramMiB: Decision<number>;
}
