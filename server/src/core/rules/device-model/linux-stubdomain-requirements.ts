// STUB-04: a Linux stub domain (qemu-xen in a stub domain, Xen 4.14+) needs images Xen does
// not build (qemu-stubdom-linux-kernel, -rootfs), vchan-socket-proxy, and a dom0 qemu-xen for
// the stub domain's consoles.
import { dmRule } from './support';
import { xenAtLeast } from '../../xen-version';

export const linuxStubdomainRequirements = dmRule(
  'linux-stubdomain-requirements',
  'information',
  'what a Linux (qemu-xen) stub domain needs on the host',
  (ctx, plan) => {
    if (plan.stubdomainKind !== 'linux' || !xenAtLeast(ctx.xenVersion, '4.14')) return [];
    const ownKernel = ctx.view.has('stubdomain_kernel');
    const ownRamdisk = ctx.view.has('stubdomain_ramdisk');
    const status = xenAtLeast(ctx.xenVersion, '4.21') ? 'supported with caveats' : xenAtLeast(ctx.xenVersion, '4.15') ? 'a Tech Preview' : 'new and not yet in SUPPORT.md';
    return [
      {
        ...plan.stubdomainRequested!.source!,
        message:
          `Linux stub domains are ${status} on Xen ${ctx.xenVersion}. The host needs ` +
          (ownKernel && ownRamdisk ? 'the stubdomain_kernel and stubdomain_ramdisk files given here' : 'qemu-stubdom-linux-kernel and qemu-stubdom-linux-rootfs in Xen\'s firmware directory (not built by Xen; they come from a separate project)') +
          ', vchan-socket-proxy, and a dom0 qemu-xen for the stub domain\'s consoles; otherwise creation fails with "could not access stubdomain kernel/ramdisk …" or "qmp proxy … is not executable". ' +
          'The QEMU in the image must match this Xen release.',
      },
    ];
  },
);
