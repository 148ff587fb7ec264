// FW-11: vga="none" leaves OVMF without a graphics output protocol, so firmware and boot
// loader have no console (Windows cannot boot interactively). Recommendation, not verified
// against every OVMF build.
import { dmRule } from './support';
import { fix, replaceString } from '../../device-model/edits';

export const ovmfWithoutVga = dmRule(
  'ovmf-without-vga',
  'warning',
  'OVMF with vga="none"',
  (ctx, plan) => {
    if (plan.firmware?.value !== 'ovmf' || plan.vga.value !== 'none' || !plan.vga.source) return [];
    const vgaKey = ctx.view.string('vga');
    return [
      {
        ...plan.vga.source,
        message:
          'With vga = "none", OVMF has no graphics device (all releases): the firmware menu and boot loader have no screen, and Windows cannot be installed or repaired interactively. ' +
          'Use vga = "stdvga" unless the guest only needs a serial console.',
        fixes: vgaKey ? [fix('Use vga = "stdvga"', replaceString(ctx.parsed.text, vgaKey, 'stdvga'), true)] : undefined,
      },
    ];
  },
);
