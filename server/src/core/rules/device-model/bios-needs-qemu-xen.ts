// FW-03: qemu-xen-traditional boots ROMBIOS only; libxl 4.13–4.20 refuses SeaBIOS/OVMF with it
// ("qemu-xen-traditional requires bios=rombios."). The traditional device model may be
// explicit or the default of a stub domain without device_model_version.
import { dmRule } from './support';
import { fix, insertSetting, quoted, replaceString } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const biosNeedsQemuXen = dmRule(
  'bios-needs-qemu-xen',
  'error',
  'SeaBIOS or OVMF with qemu-xen-traditional',
  (ctx, plan) => {
    const fw = plan.firmware;
    if (plan.guestType.value !== 'hvm' || plan.deviceModel.value !== 'qemu-xen-traditional' || !fw?.source || fw.value === 'rombios') return [];
    const text = ctx.parsed.text;
    const fixes = [];
    if (plan.versionSetting) fixes.push(fix('Use device_model_version = "qemu-xen"', replaceString(text, plan.versionSetting.range, 'qemu-xen'), true));
    else if (xenAtLeast(ctx.xenVersion, '4.14')) fixes.push(fix('Add device_model_version = "qemu-xen"', insertSetting(text, ctx.view, 'device_model_version', quoted('qemu-xen')), true));
    return [
      {
        ...fw.source,
        message:
          `libxl ${ctx.xenVersion} will refuse the guest with "qemu-xen-traditional requires bios=rombios.": the device model is qemu-xen-traditional (${plan.deviceModel.reason}). ` +
          (plan.stubdomain && !xenAtLeast(ctx.xenVersion, '4.14')
            ? 'Before Xen 4.14 a stub domain can only run qemu-xen-traditional, so drop the stub domain or use ROMBIOS.'
            : 'Set device_model_version = "qemu-xen"' + (plan.stubdomain ? ' (a Linux stub domain)' : '') + '.'),
        fixes,
      },
    ];
  },
);
