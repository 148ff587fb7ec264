// HD-06: from Xen 4.14 libxl emulates CD-ROMs only at disk index ≤ 4 ("Emulated CDROM can be
// only one of the first 4 disks."); later ones are PV only, which no BIOS boots from.
import { dmRule, freeCdromVdevs } from './support';
import { fix } from '../../device-model/edits';

export const cdromNotEmulated = dmRule(
  'cdrom-not-emulated',
  'warning',
  'a CD-ROM beyond the emulated range (PV only, not bootable)',
  (_ctx, plan) => {
    const free = freeCdromVdevs(plan);
    return plan.disks
      .filter((d) => d.notEmulatedBecause === 'cdrom-range')
      .map((d) => ({
        ...(d.entry.vdevRange ?? d.entry.item),
        message:
          `CD-ROM ${d.entry.vdev} will not be emulated: libxl warns "Emulated CDROM can be only one of the first 4 disks." (Xen 4.14 and later) and attaches it as PV only, ` +
          'so the firmware cannot boot from it and a guest without PV drivers does not see it. Use hdc or hdd.',
        fixes: free.has(d) && d.entry.vdevRange ? [fix(`Move it to ${free.get(d)}`, { ...d.entry.vdevRange, newText: free.get(d)! }, true)] : undefined,
      }));
  },
);
