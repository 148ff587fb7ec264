// libxl's qemu-xen-traditional argument builder has no SPICE support: spice=1 is silently
// dropped for a dom0 qemu-xen-traditional (stub domains: stubdomain-no-spice).
import { dmRule } from './support';
import { fix, replaceBare } from '../../device-model/edits';

export const spiceNeedsQemuXen = dmRule(
  'spice-needs-qemu-xen',
  'warning',
  'SPICE with a dom0 qemu-xen-traditional, which ignores it',
  (ctx, plan) => {
    const v = ctx.view.defbool('spice');
    if (!v?.value || plan.guestType.value !== 'hvm' || plan.stubdomain || plan.deviceModel.value !== 'qemu-xen-traditional') return [];
    return [
      {
        start: v.start,
        end: v.end,
        message:
          `SPICE will not be started: qemu-xen-traditional has no SPICE support and libxl ${ctx.xenVersion} drops the option without a word. ` +
          'Use qemu-xen for SPICE, or VNC.',
        fixes: [fix('Set spice = 0', replaceBare(v, '0'), true)],
      },
    ];
  },
);
