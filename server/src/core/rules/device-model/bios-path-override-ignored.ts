// FW-09: bios_path_override is used by qemu-xen guests only (SeaBIOS/OVMF loaded from a file,
// 4.8+); qemu-xen-traditional's ROMBIOS is built into hvmloader and ignores it.
import { dmRule, keyRange } from './support';
import { removeKeyFix } from '../../device-model/edits';

export const biosPathOverrideIgnored = dmRule(
  'bios-path-override-ignored',
  'information',
  'bios_path_override with qemu-xen-traditional or on a PV/PVH guest',
  (ctx, plan) => {
    if (!ctx.view.has('bios_path_override')) return [];
    let why: string | undefined;
    if (plan.guestType.value !== 'hvm') why = `it is read for HVM guests only; this ${plan.guestType.value.toUpperCase()} guest ignores it.`;
    else if (plan.deviceModel.value === 'qemu-xen-traditional') why = `with qemu-xen-traditional (${plan.deviceModel.reason}) the ROMBIOS inside hvmloader is used.`;
    if (!why) return [];
    return [
      {
        ...keyRange(ctx, 'bios_path_override')!,
        message:
          (plan.guestType.value === 'hvm' && !plan.biosSetting ? 'xl prints "WARNING: bios_path_override given without specific bios name", and ' : '') +
          `bios_path_override has no effect: ${why} Remove it.`,
        fixes: [removeKeyFix(ctx.parsed.text, ctx.view, 'bios_path_override')],
        tags: ['unnecessary'],
      },
    ];
  },
);
