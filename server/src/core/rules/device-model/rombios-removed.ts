// FW-01: ROMBIOS works only with qemu-xen-traditional, which Xen 4.21 removed; libxl 4.21+
// refuses bios="rombios" with "qemu-xen does not support bios=rombios.".
import { dmRule } from './support';
import { fix, replaceString } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const rombiosRemoved = dmRule(
  'rombios-removed',
  'error',
  'ROMBIOS on Xen 4.21 or later',
  (ctx, plan) => {
    if (plan.guestType.value !== 'hvm' || !xenAtLeast(ctx.xenVersion, '4.21')) return [];
    const fw = plan.firmware;
    if (fw?.value !== 'rombios' || !fw.source) return [];
    return [
      {
        ...fw.source,
        message:
          `libxl ${ctx.xenVersion} will refuse the guest with "qemu-xen does not support bios=rombios.": ROMBIOS needs qemu-xen-traditional, removed in Xen 4.21. ` +
          'Use SeaBIOS (the guest sees new firmware and chipset devices).',
        fixes: [fix('Use "seabios"', replaceString(ctx.parsed.text, fw.source, 'seabios'), true)],
      },
    ];
  },
);
