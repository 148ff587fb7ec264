// UNPLUG-03: QEMU's unplug removed the emulated LSI SCSI disks (sd* vdevs) only from the 2016
// change 78f66897dd (QEMU 2.6 or 2.7, not pinned). Relevant when the user states an older QEMU.
import { dmRule } from './support';
import { fix } from '../../device-model/edits';

export const scsiDiskNotUnplugged = dmRule(
  'scsi-disk-not-unplugged',
  'warning',
  'sd* disks on a QEMU too old to unplug SCSI disks (same disk visible twice)',
  (_ctx, plan) =>
    plan.disks
      .filter((d) => d.emulated === 'scsi' && d.unplugged === 'no')
      .map((d) => ({
        ...(d.entry.vdevRange ?? d.entry.item),
        message:
          `Risk of data corruption: ${plan.qemu.label} predates SCSI unplug (added in QEMU 2.6/2.7), so with PV drivers the guest sees ${d.entry.vdev} both as an emulated SCSI disk and as a PV disk. ` +
          'Use an hd*/xvd* vdev, or a newer QEMU.',
        fixes: d.entry.vdevRange && d.entry.vdev
          ? [fix(`Use ${d.entry.vdev.replace(/^sd/, 'xvd')}`, { ...d.entry.vdevRange, newText: d.entry.vdev.replace(/^sd/, 'xvd') })]
          : undefined,
      })),
);
