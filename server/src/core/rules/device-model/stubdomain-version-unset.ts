// STUB-03 (found by reading libxl 4.21/4.22, not executed): without device_model_version
// libxl checks access() on the dom0 QEMU path, which is NULL when a stub domain is asked for,
// so the version becomes UNKNOWN; an HVM guest then fails with "unknown device model
// version", or libxl abort()s when `bios` is also set.
import { dmRule } from './support';
import { fix, insertSetting, quoted } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const stubdomainVersionUnset = dmRule(
  'stubdomain-version-unset',
  'error',
  'a stub domain without device_model_version on Xen 4.21 or later (likely to fail)',
  (ctx, plan) => {
    if (!plan.stubdomain || plan.versionSetting || !xenAtLeast(ctx.xenVersion, '4.21')) return [];
    const outcome = plan.biosSetting
      ? 'then, because `bios` is set, libxl reaches an abort() and xl dies with SIGABRT'
      : 'then it stops with "unknown device model version"';
    return [
      {
        ...plan.stubdomainRequested!.source!,
        message:
          `Likely to fail on Xen ${ctx.xenVersion} (found by reading libxl, not run): without device_model_version libxl looks for the dom0 QEMU binary, ` +
          `gets no path because a stub domain is requested, logs "qemu-xen is unavailable: Bad address", ${outcome}. ` +
          'Add device_model_version = "qemu-xen" (the Linux stub domain) as well.',
        fixes: [fix('Add device_model_version = "qemu-xen"', insertSetting(ctx.parsed.text, ctx.view, 'device_model_version', quoted('qemu-xen')), true)],
      },
    ];
  },
);
