// HD-07: Windows XP has no AHCI driver, and an installed Windows 7 or older switched from IDE
// to AHCI (or back) may fail to boot without a registry change. The OS is not in the config;
// `viridian` (Hyper-V enlightenments) is the hint that the guest is Windows.
import { dmRule } from './support';

export const ahciWindowsDriver = dmRule(
  'ahci-windows-driver',
  'hint',
  'hdtype="ahci" on what looks like a Windows guest (old Windows may not boot)',
  (ctx, plan) => {
    const viridian = ctx.view.defbool('viridian')?.value || (ctx.view.list('viridian')?.items.length ?? 0) > 0;
    if (plan.hdtype.value !== 'ahci' || !plan.hdtype.source || !viridian) return [];
    return [
      {
        ...plan.hdtype.source,
        message:
          'If this is Windows XP, or a Windows 7 or older installed with IDE disks, it may fail to boot with AHCI (no driver, or the driver is not enabled) and show a blue screen. ' +
          'This depends on the guest, not on the Xen release; Windows 8 and later are fine. Save/restore between IDE and AHCI guests is not supported.',
      },
    ];
  },
);
