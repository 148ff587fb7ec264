// FW-12: xl has no UEFI variable store: boot entries an installer writes are lost when the
// domain is re-created, and Secure Boot keys cannot be enrolled durably.
import { dmRule } from './support';

export const ovmfNoNvram = dmRule(
  'ovmf-no-nvram',
  'hint',
  'OVMF guests have no persistent UEFI variables',
  (_ctx, plan) => {
    const fw = plan.firmware;
    if (fw?.value !== 'ovmf' || !fw.source) return [];
    return [
      {
        ...fw.source,
        message:
          'UEFI variables do not persist with xl (no NVRAM store on any release): boot entries are lost each time the domain is created, so OVMF boots only \\EFI\\BOOT\\BOOTX64.EFI ' +
          '(or drops to its shell), and Secure Boot cannot be kept enabled. Make sure the guest disk has the removable-media boot path.',
      },
    ];
  },
);
