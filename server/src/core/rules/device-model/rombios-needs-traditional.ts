// FW-02: with qemu-xen (explicit or the default) libxl refuses ROMBIOS with "qemu-xen does not
// support bios=rombios." (Xen 4.13–4.20; on 4.21+ rombios-removed applies).
import { dmRule } from './support';
import { fix, insertSetting, quoted, replaceString } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const rombiosNeedsTraditional = dmRule(
  'rombios-needs-traditional',
  'error',
  'ROMBIOS with qemu-xen on Xen 4.13–4.20',
  (ctx, plan) => {
    if (plan.guestType.value !== 'hvm' || xenAtLeast(ctx.xenVersion, '4.21')) return [];
    const fw = plan.firmware;
    if (fw?.value !== 'rombios' || !fw.source || plan.deviceModel.value !== 'qemu-xen') return [];
    const text = ctx.parsed.text;
    const toTrad = plan.versionSetting
      ? replaceString(text, plan.versionSetting.range, 'qemu-xen-traditional')
      : insertSetting(text, ctx.view, 'device_model_version', quoted('qemu-xen-traditional'));
    return [
      {
        ...fw.source,
        message:
          `libxl ${ctx.xenVersion} will refuse the guest with "qemu-xen does not support bios=rombios.": the device model is qemu-xen (${plan.deviceModel.reason}), which boots SeaBIOS or OVMF only. ` +
          'Use SeaBIOS, or qemu-xen-traditional (deprecated, removed in Xen 4.21).',
        fixes: [fix('Use "seabios"', replaceString(text, fw.source, 'seabios'), true), fix('Use qemu-xen-traditional', toTrad)],
      },
    ];
  },
);
