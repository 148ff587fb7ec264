// §1.5: libxl refuses vga="qxl" with qemu-xen-traditional ("qemu upstream required for qxl vga").
import { dmRule } from './support';
import { fix, replaceString } from '../../device-model/edits';

export const qxlNeedsQemuXen = dmRule(
  'qxl-needs-qemu-xen',
  'error',
  'vga="qxl" with qemu-xen-traditional',
  (ctx, plan) => {
    const v = ctx.view.string('vga');
    if (plan.guestType.value !== 'hvm' || plan.vga.value !== 'qxl' || plan.deviceModel.value !== 'qemu-xen-traditional' || !v) return [];
    return [
      {
        start: v.start,
        end: v.end,
        message:
          `libxl ${ctx.xenVersion} will refuse the guest with "qemu upstream required for qxl vga": the device model is qemu-xen-traditional (${plan.deviceModel.reason}). ` +
          'Use qemu-xen, or vga = "stdvga".',
        fixes: [fix('Use vga = "stdvga"', replaceString(ctx.parsed.text, v, 'stdvga'), true)],
      },
    ];
  },
);
