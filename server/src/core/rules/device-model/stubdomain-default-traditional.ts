// STUB-02: with a stub domain and no device_model_version, libxl 4.14–4.20 picks the Mini-OS
// qemu-xen-traditional stub domain, whose image (ioemu-stubdom.gz) is not built by default
// from 4.16.
import { dmRule } from './support';
import { fix, insertSetting, quoted } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const stubdomainDefaultTraditional = dmRule(
  'stubdomain-default-traditional',
  'warning',
  'a stub domain without device_model_version on Xen 4.16–4.20 (Mini-OS stub domain, not built by default)',
  (ctx, plan) => {
    const x = ctx.xenVersion;
    if (!plan.stubdomain || plan.versionSetting || !xenAtLeast(x, '4.16') || xenAtLeast(x, '4.21')) return [];
    return [
      {
        ...plan.stubdomainRequested!.source!,
        message:
          `Without device_model_version, libxl ${x} runs the Mini-OS stub domain with qemu-xen-traditional, which Xen 4.16–4.20 do not build by default: ` +
          'on such a host creation fails with "could not access stubdomain kernel …/ioemu-stubdom.gz: No such file or directory". ' +
          'Set device_model_version = "qemu-xen" for a Linux stub domain (its kernel and rootfs images must be installed), or "qemu-xen-traditional" if the host has the Mini-OS image.',
        fixes: [fix('Add device_model_version = "qemu-xen" (Linux stub domain)', insertSetting(ctx.parsed.text, ctx.view, 'device_model_version', quoted('qemu-xen')), true)],
      },
    ];
  },
);
