// FW-13: SeaBIOS and ROMBIOS have no Xen PV block driver; an HVM guest whose hard disks are
// all PV-only (none in the emulated range) cannot boot from disk with them ("No bootable
// device."). OVMF can (XenPvBlkDxe, needs the platform device).
import { dmRule } from './support';
import { fix, insertSetting, quoted, replaceString } from '../../device-model/edits';

export const bootDiskPvOnly = dmRule(
  'boot-disk-pv-only',
  'error',
  'an HVM guest whose only disks are PV-only, with a firmware that cannot read PV disks',
  (ctx, plan) => {
    const fw = plan.firmware;
    if (plan.guestType.value !== 'hvm' || plan.deviceModel.value !== 'qemu-xen' || !fw || fw.value === 'ovmf') return [];
    if (plan.directKernelBoot) return [];
    const hard = plan.disks.filter((d) => !d.entry.cdrom && d.entry.index !== undefined && d.entry.index >= 0);
    if (hard.some((d) => d.notEmulatedBecause === 'not-modelled')) return [];
    if (hard.length === 0 || hard.some((d) => d.emulated !== 'none')) return [];
    if (plan.disks.some((d) => d.entry.cdrom && d.emulated === 'ide-cd')) return []; // can boot an installer CD
    const first = hard[0];
    const text = ctx.parsed.text;
    const fixes = [];
    if (plan.biosSetting) fixes.push(fix('Use bios = "ovmf"', replaceString(text, plan.biosSetting.range, 'ovmf')));
    else fixes.push(fix('Add bios = "ovmf"', insertSetting(text, ctx.view, 'bios', quoted('ovmf'))));
    if (first.entry.vdevRange && first.entry.family !== 'sd') fixes.unshift(fix(`Make ${first.entry.vdev} the first disk (xvda)`, { ...first.entry.vdevRange, newText: 'xvda' }, true));
    return [
      {
        ...(first.entry.vdevRange ?? first.entry.item),
        message:
          `The guest will not boot: no disk is emulated (${first.entry.vdev}: ${first.emulationReason}), and ${fw.value === 'seabios' ? 'SeaBIOS' : 'ROMBIOS'} cannot read PV disks, ` +
          'so it stops at "No bootable device." (all releases). Give the boot disk vdev xvda/hda, or boot with OVMF, which can read PV disks.',
        fixes,
      },
    ];
  },
);
