// STUB-13 (static reading of libxl): stub domains are for HVM guests. For PV/PVH, libxl ≤4.20
// without a version fails with "qemu-xen access error: Bad address"; on any release, when the
// guest needs a dom0 QEMU (vfb/VNC, qdisk, consoles) libxl__spawn_local_dm() abort()s because a
// stub domain is set; a PVH guest is also charged the stub domain's memory for nothing.
import { dmRule } from './support';
import { fix, removeKeyFix, replaceBare } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const stubdomainNotHvm = dmRule(
  'stubdomain-not-hvm',
  'error',
  'device_model_stubdomain_override = 1 on a PV or PVH guest (likely to fail)',
  (ctx, plan) => {
    const req = plan.stubdomainRequested;
    if (!req?.value || plan.guestType.value === 'hvm') return [];
    const t = plan.guestType.value.toUpperCase();
    const early = !plan.versionSetting && !xenAtLeast(ctx.xenVersion, '4.21')
      ? `On Xen ${ctx.xenVersion} without device_model_version, upstream libxl stops with "qemu-xen access error: Bad address". `
      : '';
    const mem = plan.guestType.value === 'pvh' && plan.stubdomainMemoryMiB
      ? ` libxl also counts ${plan.stubdomainMemoryMiB.value} MiB of stub domain memory for this guest that it never uses.`
      : '';
    return [
      {
        ...req.source!,
        message:
          `Likely to fail (found by reading libxl, not run): stub domains exist only for HVM guests, and this is a ${t} guest. ${early}` +
          `On every release, if the guest needs a dom0 QEMU (a vfb/VNC display, a qdisk disk, extra consoles or channels), libxl aborts and xl dies with SIGABRT.${mem} Remove the key.`,
        fixes: [removeKeyFix(ctx.parsed.text, ctx.view, 'device_model_stubdomain_override'), fix('Set it to 0', replaceBare(req.source!, '0'))],
      },
    ];
  },
);
