// UNPLUG-02: a disk controller added by hand through device_model_args(_hvm) (an NVMe or
// virtio drive, say) that opens an image also given in disk= shows the guest that image
// twice. libxl's disk is emulated and PV; the extra drive is never unplugged for the PV one
// (Linux asks QEMU to unplug IDE/SCSI disks and NICs only, never NVMe; virtio is never
// unplugged), so writes go through two devices with separate caches.
import { dmRule } from './support';
import type { RuleFinding } from '../rule';

export const handAddedDiskDuplicate = dmRule(
  'hand-added-disk-duplicate',
  'warning',
  'a -drive in device_model_args that opens an image also attached with disk=',
  (ctx, plan) => {
    if (plan.guestType.value !== 'hvm' || plan.disks.length === 0) return [];
    const targets = new Map(plan.disks.filter((d) => d.entry.target).map((d) => [d.entry.target!, d]));
    const out: RuleFinding[] = [];
    for (const key of ['device_model_args_hvm', 'device_model_args']) {
      const list = ctx.view.list(key);
      if (!list) continue;
      for (const item of list.items) {
        if (item.value === null) continue;
        // QEMU's -drive option syntax: comma-separated key=value, `,,` escapes a comma.
        const m = /(?:^|,)file=((?:[^,]|,,)*)/.exec(item.value);
        if (!m) continue;
        const file = m[1].replace(/,,/g, ',');
        const disk = targets.get(file);
        if (!disk) continue;
        out.push({
          start: item.start,
          end: item.end,
          message:
            `Risk of data corruption: ${file} is also attached as ${disk.entry.vdev} in disk=, so QEMU opens it twice. ` +
            'The guest\'s PV drivers unplug only the emulated IDE/SCSI copy libxl made (Linux never asks to unplug NVMe, and virtio is never unplugged), ' +
            'so the guest keeps two live views of one image on every release. Give each image only once.',
          related: [{ ...(disk.entry.vdevRange ?? disk.entry.item), message: `${disk.entry.vdev} uses the same image` }],
        });
      }
    }
    return out;
  },
);
