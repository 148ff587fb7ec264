// HD-05 (static reading of libxl_dm.c, not run): the xenfv/pc machine has two IDE channels
// (indexes 0–3). libxl 4.14+ guards CD-ROMs with "index > 4", so index 4 (xvde) becomes
// `bus=ide.2`, which QEMU does not have; libxl ≤4.13 passed `if=ide,index=N` for any index.
import { dmRule, freeCdromVdevs } from './support';
import { fix } from '../../device-model/edits';

export const cdromBeyondIdeChannels = dmRule(
  'cdrom-beyond-ide-channels',
  'error',
  'a CD-ROM at a disk index QEMU has no IDE slot for (likely to fail)',
  (_ctx, plan) => {
    const free = freeCdromVdevs(plan);
    return plan.disks
      .filter((d) => d.entry.cdrom && d.breaksQemu)
      .map((d) => ({
        ...(d.entry.vdevRange ?? d.entry.item),
        message:
          `Likely to fail (found by reading libxl, not run): CD-ROM ${d.entry.vdev} is at disk index ${d.entry.index}, and ${d.emulationReason}. ` +
          'Put CD-ROMs at hdc or hdd (index 2 or 3).',
        fixes: free.has(d) && d.entry.vdevRange ? [fix(`Move it to ${free.get(d)}`, { ...d.entry.vdevRange, newText: free.get(d)! }, true)] : undefined,
      }));
  },
);
