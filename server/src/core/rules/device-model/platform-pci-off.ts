// PLAT-02: xen_platform_pci = 0 makes libxl start QEMU with machine `pc` instead of `xenfv`:
// the guest runs on emulated devices only (PV drivers do not load, nothing is unplugged).
import { dmRule } from './support';
import { fix, removeSettingEdits } from '../../device-model/edits';

export const platformPciOff = dmRule(
  'platform-pci-off',
  'information',
  'xen_platform_pci = 0 (no PV drivers in an HVM guest)',
  (ctx, plan) => {
    if (plan.guestType.value !== 'hvm' || plan.platformPci.value || !plan.platformPci.source) return [];
    return [
      {
        ...plan.platformPci.source,
        message:
          'Without the Xen platform PCI device (all releases) the guest\'s PV block and network drivers stay off (Linux logs "Xen Platform PCI: unrecognised magic value", Windows PV drivers do not bind): ' +
          'all I/O goes through emulated IDE/NIC devices, which is safe but slower, and OVMF cannot use PV disks. Remove the key unless the guest misbehaves with PV drivers.',
        fixes: [fix('Remove xen_platform_pci = 0', removeSettingEdits(ctx.parsed.text, ctx.view, 'xen_platform_pci'))],
      },
    ];
  },
);
