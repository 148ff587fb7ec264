// UNPLUG-01: before QEMU 8.2 (a73049953b) the platform device's unplug removed IDE disks only.
// With hdtype="ahci" the AHCI copy of each disk stays next to the PV copy the guest's drivers
// attach: the same image through two devices with separate caches — filesystem corruption
// risk. Xen's in-tree qemu-xen has it from the 4.20 tree on.
import { dmRule } from './support';
import { fix, replaceString } from '../../device-model/edits';
import type { RuleFinding } from '../rule';

export const ahciDiskNotUnplugged = dmRule(
  'ahci-disk-not-unplugged',
  'warning',
  'hdtype="ahci" with PV drivers on a QEMU that cannot unplug AHCI disks (same disk visible twice)',
  (ctx, plan) => {
    const affected = plan.disks.filter((d) => d.emulated === 'ahci' && d.unplugged === 'no');
    if (affected.length === 0 || !plan.hdtype.source) return [];
    const names = affected.map((d) => d.entry.vdev).join(', ');
    const out: RuleFinding[] = [
      {
        ...plan.hdtype.source,
        message:
          `Risk of data corruption: ${plan.qemu.label} does not remove AHCI disks when the guest's PV drivers unplug emulated disks (only QEMU 8.2 and later do; Xen's own qemu-xen has it from Xen 4.20), ` +
          `so a guest with PV drivers sees ${affected.length === 1 ? 'this disk' : 'these disks'} (${names}) twice, e.g. as /dev/sdX and /dev/xvdX in Linux, and writing through both corrupts the filesystem. ` +
          'Use hdtype = "ide", run QEMU 8.2 or later (set xlcfg.qemuVersion if the host already does), or keep the guest off PV drivers (Linux: xen_emul_unplug=never).',
        related: affected.map((d) => ({ ...(d.entry.vdevRange ?? d.entry.item), message: `${d.entry.vdev}: AHCI and PV at the same time` })),
        fixes: [fix('Use hdtype = "ide"', replaceString(ctx.parsed.text, plan.hdtype.source, 'ide'), true)],
      },
    ];
    return out;
  },
);
