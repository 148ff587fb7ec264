// HD-04: QEMU emulates hard disks 0–3 (IDE) or 0–5 (AHCI); the others exist only as PV
// devices (libxl 4.14+ warns "Only 4 emulated IDE disks are supported.", ≤4.13 drops them
// silently). Fine with PV drivers; the firmware cannot boot from them unless it is OVMF.
import { dmRule } from './support';

export const diskBeyondEmulatedRange = dmRule(
  'disk-beyond-emulated-range',
  'information',
  'a hard disk QEMU does not emulate (PV only)',
  (_ctx, plan) => {
    if (!plan.platformPci.value) return []; // platform-pci-off-pv-disk covers it
    return plan.disks
      .filter((d) => d.notEmulatedBecause === 'range' || d.notEmulatedBecause === 'stubdomain-limit')
      .map((d) => ({
        ...(d.entry.vdevRange ?? d.entry.item),
        message:
          `${d.entry.vdev} will be a PV-only disk: ${d.emulationReason}. The guest sees it only once its PV drivers load, and ${plan.firmware?.value === 'ovmf' ? 'OVMF can still boot from it' : 'SeaBIOS cannot boot from it'}. ` +
          'That is fine for a data disk of a guest with PV drivers; move it to xvda–xvdd if the guest must see it without them.',
      }));
  },
);
