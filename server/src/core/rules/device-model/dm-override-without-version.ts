// DM-05: xl warns when a device-model binary is given without saying which device model it
// is; libxl then treats the binary as its default version (qemu-xen, or traditional with a
// stub domain on ≤4.20), which decides the command line it gets.
import { dmRule, keyRange } from './support';
import { fix, insertSetting, quoted } from '../../device-model/edits';

export const dmOverrideWithoutVersion = dmRule(
  'dm-override-without-version',
  'information',
  'device_model_override without device_model_version',
  (ctx, plan) => {
    if (!ctx.view.string('device_model_override') || plan.versionSetting) return [];
    const range = keyRange(ctx, 'device_model_override')!;
    const assumed = plan.deviceModel.value === 'qemu-xen-traditional' ? 'qemu-xen-traditional' : 'qemu-xen';
    return [
      {
        ...range,
        message:
          'xl prints "WARNING: device model override given without specific DM version" and libxl starts this binary with the ' +
          `command line of ${assumed} (its default on Xen ${ctx.xenVersion}${plan.stubdomain ? '; with a stub domain the override only applies to the dom0 QEMU serving the stub domain\'s consoles' : ''}). ` +
          'Say which device model the binary is with device_model_version.',
        fixes: [fix(`Add device_model_version = "${assumed}"`, insertSetting(ctx.parsed.text, ctx.view, 'device_model_version', quoted(assumed)), true)],
      },
    ];
  },
);
