// DM-07: without device_model_version, libxl 4.13–4.20 checks that the dom0 qemu-xen binary
// exists and, when it does not (ENOENT), silently falls back to qemu-xen-traditional, which
// changes the firmware to ROMBIOS and the whole emulated device set. (Debian's libxl 4.17 has
// no such fallback: its library lacks the message.)
import { dmRule } from './support';
import { fix, insertSetting, quoted } from '../../device-model/edits';

export const dmVersionImplicit = dmRule(
  'dm-version-implicit',
  'information',
  'HVM guest without device_model_version on releases where libxl may fall back to qemu-xen-traditional',
  (ctx, plan) => {
    if (plan.guestType.value !== 'hvm' || !plan.mayFallBackToTraditional || plan.versionSetting) return [];
    const anchor = plan.guestType.source ?? { start: 0, end: 0 };
    return [
      {
        ...anchor,
        message:
          `No device_model_version: on Xen ${ctx.xenVersion} libxl uses qemu-xen, but if the host lacks its binary, upstream libxl silently switches to ` +
          'qemu-xen-traditional ("qemu-xen is unavailable, using qemu-xen-traditional instead"), which boots ROMBIOS and presents different hardware (some distributions, Debian among them, patch this fallback out). ' +
          'Pin device_model_version = "qemu-xen" so a missing binary is an error instead.',
        fixes: [fix('Add device_model_version = "qemu-xen"', insertSetting(ctx.parsed.text, ctx.view, 'device_model_version', quoted('qemu-xen')), true)],
      },
    ];
  },
);
