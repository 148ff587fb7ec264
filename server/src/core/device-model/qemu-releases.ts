// Which upstream QEMU a host runs as qemu-xen, and which of QEMU's Xen unplug features that
// QEMU has. The user can state the version (setting `xlcfg.qemuVersion`); otherwise we assume
// the qemu-xen tree the selected Xen release builds in-tree.

import type { XenVersion } from '../xen-version';

export interface QemuRelease {
  major: number;
  minor: number;
}

/**
 * The upstream QEMU release each Xen release's in-tree qemu-xen is based on.
 *
 * Source: Xen's Config.mk pins `QEMU_UPSTREAM_REVISION ?= qemu-xen-<x.y>.0` for every release
 * (checked at tags RELEASE-4.13.0 … RELEASE-4.22.0). The qemu-xen tree itself is not readable
 * from here, so the upstream base is inferred from the date the pin was made against QEMU's
 * release dates: 4.13 pinned 2019-10 (QEMU 4.1), 4.14 2020-06 (5.0), 4.15 2021-03 (5.2),
 * 4.16 2021-11 (6.1), 4.17 2022-10 (7.1), 4.18 and 4.19 the 2023-08-16 osstest baseline
 * `0df9387c8983` (8.0 plus 8.1 pre-release work: before 8.1.0, so before 8.2's AHCI unplug),
 * 4.20 2024-10 (9.1), 4.21 2025-10 (10.1), 4.22 2026-06 (11.0). Only the AHCI-unplug boundary
 * (none before 4.20) matters to the checks, and that one is confirmed by the pin dates.
 */
export const QEMU_SHIPPED_WITH_XEN: Readonly<Record<XenVersion, QemuRelease>> = {
  '4.13': { major: 4, minor: 1 },
  '4.14': { major: 5, minor: 0 },
  '4.15': { major: 5, minor: 2 },
  '4.16': { major: 6, minor: 1 },
  '4.17': { major: 7, minor: 1 },
  '4.18': { major: 8, minor: 0 },
  '4.19': { major: 8, minor: 0 },
  '4.20': { major: 9, minor: 1 },
  '4.21': { major: 10, minor: 1 },
  '4.22': { major: 11, minor: 0 },
};

/**
 * QEMU 8.2.0 (commit a73049953b, "xen-platform: unplug AHCI disks", pulled 2023-11-07) is the
 * first release whose unplug removes AHCI (SATA-class) disks; before it only IDE (and SCSI)
 * disks went away when the guest's PV drivers asked.
 */
export const AHCI_UNPLUG_SINCE: QemuRelease = { major: 8, minor: 2 };

/**
 * QEMU commit 78f66897dd ("xen_platform: unplug also SCSI disks", 2016) made unplug remove the
 * LSI SCSI controller used for `sd*` vdevs. Its release is not pinned (2.6 or 2.7); we take
 * 2.7, so that a stated 2.6 is flagged as possibly affected.
 */
export const SCSI_UNPLUG_SINCE: QemuRelease = { major: 2, minor: 7 };

/** "8.2", "8.2.1", "v9.0.0", "10", "QEMU emulator version 7.2.5 (Debian …)" → {major, minor}. */
export function parseQemuVersion(text: string | undefined | null): QemuRelease | undefined {
  if (!text) return undefined;
  const m = /(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0) };
}

export function qemuAtLeast(v: QemuRelease, since: QemuRelease): boolean {
  return v.major !== since.major ? v.major > since.major : v.minor >= since.minor;
}

export function formatQemu(v: QemuRelease): string {
  return `${v.major}.${v.minor}`;
}

/** The QEMU the checks assume, and why. */
export interface AssumedQemu {
  version: QemuRelease;
  /** 'setting': the user's `xlcfg.qemuVersion`; 'xen-default': the in-tree qemu-xen of the release. */
  source: 'setting' | 'xen-default';
  /** For messages: "QEMU 8.0 (the qemu-xen Xen 4.19 ships)" or "QEMU 7.2 (xlcfg.qemuVersion)". */
  label: string;
  /** "QEMU 8.0", for tables and short clauses. */
  short: string;
  ahciUnplug: boolean;
  scsiUnplug: boolean;
}

export function assumedQemu(xen: XenVersion, setting: string | undefined): AssumedQemu {
  const stated = parseQemuVersion(setting);
  const version = stated ?? QEMU_SHIPPED_WITH_XEN[xen];
  const label = stated
    ? `QEMU ${formatQemu(version)} (from the xlcfg.qemuVersion setting)`
    : `QEMU ${formatQemu(version)} (the qemu-xen that Xen ${xen} ships; set xlcfg.qemuVersion if the host runs another)`;
  return {
    version,
    source: stated ? 'setting' : 'xen-default',
    label,
    short: `QEMU ${formatQemu(version)}`,
    ahciUnplug: qemuAtLeast(version, AHCI_UNPLUG_SINCE),
    scsiUnplug: qemuAtLeast(version, SCSI_UNPLUG_SINCE),
  };
}
