// STUB-01: before Xen 4.14 a stub domain could only run qemu-xen-traditional (Mini-OS); libxl
// refuses qemu-xen with `device model stubdomains require "qemu-xen-traditional"`.
import { dmRule } from './support';
import { fix, replaceBare, replaceString } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const stubdomainQemuXenTooOld = dmRule(
  'stubdomain-qemu-xen-too-old',
  'error',
  'a qemu-xen stub domain on Xen before 4.14',
  (ctx, plan) => {
    if (!plan.stubdomain || plan.deviceModel.value !== 'qemu-xen' || xenAtLeast(ctx.xenVersion, '4.14')) return [];
    const stub = plan.stubdomainRequested!.source!;
    const ver = plan.versionSetting!;
    return [
      {
        ...stub,
        message:
          `libxl ${ctx.xenVersion} refuses this guest with \`device model stubdomains require "qemu-xen-traditional"\` (then "Unable to set domain build info defaults"): ` +
          'Linux stub domains running qemu-xen exist only from Xen 4.14. Drop the stub domain, use qemu-xen-traditional in it, or target Xen 4.14 or later.',
        related: [{ ...ver.range, message: 'qemu-xen is selected here' }],
        fixes: [
          fix('Run QEMU in dom0 (device_model_stubdomain_override = 0)', replaceBare(stub, '0'), true),
          fix('Use qemu-xen-traditional in the stub domain', replaceString(ctx.parsed.text, ver.range, 'qemu-xen-traditional')),
        ],
      },
    ];
  },
);
