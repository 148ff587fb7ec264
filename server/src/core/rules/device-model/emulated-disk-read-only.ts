// HD-03: qemu-xen cannot emulate a read-only IDE or AHCI hard disk; libxl refuses the guest
// (4.7+, ef6cb76026) with "qemu-xen doesn't support read-only IDE/AHCI disk drivers".
import { dmRule } from './support';
import { fix, replaceInside } from '../../device-model/edits';

export const emulatedDiskReadOnly = dmRule(
  'emulated-disk-read-only',
  'error',
  'a read-only hard disk in the emulated IDE/AHCI range',
  (_ctx, plan) =>
    plan.disks
      .filter((d) => (d.emulated === 'ide' || d.emulated === 'ahci') && d.entry.readOnly && !d.entry.cdrom)
      .map((d) => {
        const kind = d.emulated === 'ahci' ? 'AHCI' : 'IDE';
        return {
          ...(d.entry.accessRange ?? d.entry.item),
          message:
            `libxl will refuse to create the guest with "qemu-xen doesn't support read-only ${kind} disk drivers" (all releases xlcfg models): ` +
            `${d.entry.vdev} is read-only and in the emulated ${kind} range. Make it read-write, mark it as a CD-ROM (devtype=cdrom), or give it a vdev beyond the emulated range (PV only).`,
          fixes: d.entry.accessRange ? [fix('Make it read-write', replaceInside(d.entry.accessRange, 'rw'), true)] : undefined,
        };
      }),
);
