// PLAT-01: without the Xen platform PCI device the guest has no PV path at all (no XenBus for
// its drivers, nothing for OVMF's XenIoPciDxe to bind to), so a disk QEMU does not emulate is
// visible to neither the firmware nor the OS.
import { dmRule } from './support';
import { fix, removeSettingEdits } from '../../device-model/edits';

export const platformPciOffPvDisk = dmRule(
  'platform-pci-off-pv-disk',
  'error',
  'xen_platform_pci = 0 with a disk that exists only as a PV device',
  (ctx, plan) => {
    if (plan.guestType.value !== 'hvm' || plan.platformPci.value || plan.deviceModel.value !== 'qemu-xen') return [];
    const text = ctx.parsed.text;
    return plan.disks
      .filter((d) => d.notEmulatedBecause && d.notEmulatedBecause !== 'not-modelled' && d.notEmulatedBecause !== 'no-device-model')
      .map((d) => ({
        ...(d.entry.vdevRange ?? d.entry.item),
        message:
          `This disk (${d.entry.vdev}) will be invisible to the guest: QEMU does not emulate it (${d.emulationReason}), and with xen_platform_pci = 0 ` +
          'there is no platform device, so neither PV drivers nor OVMF can reach its PV twin (all releases). Keep the platform device, or move the disk into the emulated range.',
        related: plan.platformPci.source ? [{ ...plan.platformPci.source, message: 'the platform device is turned off here' }] : undefined,
        fixes: [fix('Keep the platform device (remove xen_platform_pci = 0)', removeSettingEdits(text, ctx.view, 'xen_platform_pci'), true)],
      }));
  },
);
