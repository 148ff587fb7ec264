// DM-03: qemu-xen-traditional lost security support as a dom0 process in 4.15 (SUPPORT.md)
// and is not built by default from 4.16 (`--enable-qemu-traditional`), so on a default build
// libxl fails with `device model <dir>/qemu-dm is not executable`.
import { dmRule, rombiosSource, toSeabios } from './support';
import { fix, replaceString } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const dmVersionTraditionalDeprecated = dmRule(
  'dm-version-traditional-deprecated',
  'warning',
  'qemu-xen-traditional on Xen 4.15–4.20, where it is unsupported or not built by default',
  (ctx, plan) => {
    const v = plan.versionSetting;
    const x = ctx.xenVersion;
    if (!v || v.value !== 'qemu-xen-traditional' || !xenAtLeast(x, '4.15') || xenAtLeast(x, '4.21')) return [];
    const where = plan.stubdomain
      ? xenAtLeast(x, '4.16')
        ? `Xen ${x} does not build the Mini-OS stub domain (ioemu-stubdom.gz) by default, so unless the host was built with --enable-qemu-traditional libxl stops with "could not access stubdomain kernel …/ioemu-stubdom.gz: No such file or directory".`
        : `In a stub domain it is still supported on Xen ${x}, but it is deprecated.`
      : xenAtLeast(x, '4.16')
        ? `Xen ${x} does not build it by default: unless the host was built with --enable-qemu-traditional, libxl stops with "device model …/qemu-dm is not executable: No such file or directory". As a dom0 process it has had no security support since 4.15.`
        : `As a dom0 process it has no security support on Xen ${x} ("not recommended" in SUPPORT.md).`;
    return [
      {
        ...v.range,
        message: `qemu-xen-traditional: ${where} It is removed in Xen 4.21. Switch to "qemu-xen" (with bios="seabios" instead of ROMBIOS).`,
        fixes: [fix(rombiosSource(plan) ? 'Use "qemu-xen" with SeaBIOS' : 'Use "qemu-xen"', [replaceString(ctx.parsed.text, v.range, 'qemu-xen'), ...toSeabios(ctx.parsed.text, plan)], true)],
        tags: ['deprecated'],
      },
    ];
  },
);
