// libxl's qemu-xen-traditional argument builder refuses HVM direct kernel boot ("HVM direct
// kernel boot is not supported by qemu-xen-traditional"), in dom0 and in a Mini-OS stub domain
// alike (4.13–4.20; traditional is gone from 4.21).
import { dmRule } from './support';
import { fix, replaceString } from '../../device-model/edits';

export const directKernelBootNeedsQemuXen = dmRule(
  'direct-kernel-boot-needs-qemu-xen',
  'error',
  'HVM direct kernel boot (kernel=) with qemu-xen-traditional',
  (ctx, plan) => {
    const k = plan.directKernelBoot;
    if (!k?.source || plan.deviceModel.value !== 'qemu-xen-traditional') return [];
    const canSwitch = plan.versionSetting && !plan.stubdomain;
    return [
      {
        ...k.source,
        message:
          `libxl ${ctx.xenVersion} will refuse to start the device model with "HVM direct kernel boot is not supported by qemu-xen-traditional": ` +
          `the device model is qemu-xen-traditional (${plan.deviceModel.reason}). Boot from a disk, or use qemu-xen in dom0.`,
        fixes: canSwitch ? [fix('Use device_model_version = "qemu-xen"', replaceString(ctx.parsed.text, plan.versionSetting!.range, 'qemu-xen'), true)] : undefined,
      },
    ];
  },
);
