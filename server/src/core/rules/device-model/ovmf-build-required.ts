// FW-10: Xen builds OVMF only with --enable-ovmf (or --with-system-ovmf). Without it libxl
// loads nothing and hvmloader stops with "no BIOS ROM image found" (domain creation succeeds,
// the guest does not boot); a configured but missing file gives "failed to read BIOS file".
import { dmRule } from './support';

export const ovmfBuildRequired = dmRule(
  'ovmf-build-required',
  'information',
  'OVMF needs a Xen build with OVMF (or bios_path_override)',
  (_ctx, plan) => {
    const fw = plan.firmware;
    if (fw?.value !== 'ovmf' || !fw.source || plan.biosPathOverride || plan.deviceModel.value !== 'qemu-xen') return [];
    return [
      {
        ...fw.source,
        message:
          'OVMF is not part of a default Xen build on any release (it needs --enable-ovmf or --with-system-ovmf; distribution packages usually have it). ' +
          'Without it the guest is created but hvmloader stops with "no BIOS ROM image found"; check the host, or point bios_path_override at an OVMF image.',
      },
    ];
  },
);
