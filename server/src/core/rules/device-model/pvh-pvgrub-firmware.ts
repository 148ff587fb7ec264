// PVH-02: firmware="pvgrub32|pvgrub64" loads the legacy Mini-OS PV-GRUB image, which is
// PV-only (and not built by default since 4.16); for PVH it is expected to fail.
import { dmRule } from './support';
import { fix } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const pvhPvgrubFirmware = dmRule(
  'pvh-pvgrub-firmware',
  'warning',
  'PVH guest with firmware="pvgrub32|pvgrub64" (PV-only images)',
  (ctx, plan) => {
    const f = ctx.view.string('firmware');
    if (!f || ctx.view.string('kernel')) return [];
    const isPvgrub = f.value !== '' && ('pvgrub32'.startsWith(f.value) || 'pvgrub64'.startsWith(f.value));
    if (!isPvgrub) return [];
    const pvh = plan.guestType.value === 'pvh';
    const built = xenAtLeast(ctx.xenVersion, '4.16') ? ` and Xen ${ctx.xenVersion} does not build it by default (--enable-pv-grub)` : '';
    if (!pvh && !built) return [];
    return [
      {
        start: f.start,
        end: f.end,
        message:
          (pvh
            ? `firmware = "${f.value}" loads the legacy PV-GRUB image, which is a PV kernel: a PVH guest is not expected to boot it (not tested)${built}. `
            : `firmware = "${f.value}" loads the legacy PV-GRUB image from Xen's firmware directory${built}; without it creation fails. `) +
          'Use bootloader = "pygrub", or kernel= pointing at GRUB\'s i386-xen_pvh image.',
        fixes: ctx.view.has('bootloader') || ctx.view.all('firmware').length !== 1
          ? undefined
          : [fix('Use bootloader = "pygrub" instead', { start: f.setting.start, end: f.setting.end, newText: 'bootloader = "pygrub"' })],
      },
    ];
  },
);
