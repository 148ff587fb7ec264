// FW-08: xl warns "bios_path_override given without specific bios name"; the file is then
// loaded as the default firmware of the device model (SeaBIOS with qemu-xen).
import { dmRule, keyRange } from './support';
import { fix, insertSetting, quoted } from '../../device-model/edits';

export const biosPathOverrideWithoutBios = dmRule(
  'bios-path-override-without-bios',
  'information',
  'bios_path_override without bios',
  (ctx, plan) => {
    const b = plan.biosPathOverride;
    if (!b || plan.biosSetting || ctx.view.has('firmware') || plan.deviceModel.value !== 'qemu-xen') return [];
    const guess = /ovmf|uefi|\.fd$/i.test(b.value) ? 'ovmf' : 'seabios';
    return [
      {
        ...keyRange(ctx, 'bios_path_override')!,
        message:
          `xl prints "WARNING: bios_path_override given without specific bios name" and libxl loads this file as ${plan.firmware?.value === 'ovmf' ? 'OVMF' : 'SeaBIOS'} (the default)` +
          (guess === 'ovmf' ? '; if it is an OVMF image the guest will not boot' : '') + '. Say which firmware it is with bios.',
        fixes: [fix(`Add bios = "${guess}"`, insertSetting(ctx.parsed.text, ctx.view, 'bios', quoted(guess)), true)],
      },
    ];
  },
);
