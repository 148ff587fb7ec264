// STUB-09: HVM direct kernel boot is not supported with a stub domain (man page). For the
// Linux stub domain libxl passes the dom0 path in -kernel, which does not exist inside it
// (static reading); the Mini-OS one runs qemu-xen-traditional, which libxl refuses outright
// (direct-kernel-boot-needs-qemu-xen).
import { dmRule } from './support';

export const stubdomainDirectKernelBoot = dmRule(
  'stubdomain-direct-kernel-boot',
  'warning',
  'HVM direct kernel boot (kernel=) with a Linux stub domain',
  (_ctx, plan) => {
    if (plan.stubdomainKind !== 'linux' || !plan.directKernelBoot) return [];
    return [
      {
        ...plan.directKernelBoot.source!,
        message:
          'Likely to fail (found by reading libxl, not run): HVM direct kernel boot does not work with a Linux stub domain, because the QEMU inside it is given a dom0 file path it cannot open (Xen 4.14 and later). ' +
          'Boot from a disk instead, or run QEMU in dom0.',
      },
    ];
  },
);
