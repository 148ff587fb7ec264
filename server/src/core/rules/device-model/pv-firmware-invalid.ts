// PVH-04: on PV/PVH xl accepts only prefixes of pvgrub32/pvgrub64 for `firmware`.
import { dmRule } from './support';
import { fix, removeSettingEdits, replaceSettingEdits, replaceString } from '../../device-model/edits';

export const pvFirmwareInvalid = dmRule(
  'pv-firmware-invalid',
  'error',
  'PV/PVH firmware other than pvgrub32/pvgrub64',
  (ctx, plan) => {
    const f = ctx.view.string('firmware');
    if (plan.guestType.value === 'hvm' || !f || ctx.view.string('kernel')) return [];
    if ('pvgrub32'.startsWith(f.value) || 'pvgrub64'.startsWith(f.value)) return [];
    const text = ctx.parsed.text;
    return [
      {
        start: f.start,
        end: f.end,
        message:
          `xl will stop with "ERROR: only pvgrub{32|64} supported as firmware options" (all releases): a ${plan.guestType.value.toUpperCase()} guest has no BIOS or UEFI` +
          (/ovmf|uefi|seabios|bios/i.test(f.value) ? ' (those are for type = "hvm")' : '') + '. Use kernel= or bootloader = "pygrub" instead.',
        fixes: [
          fix(
            'Use bootloader = "pygrub" instead',
            ctx.view.has('bootloader') ? removeSettingEdits(text, ctx.view, 'firmware') : replaceSettingEdits(text, ctx.view, 'firmware', 'bootloader = "pygrub"'),
            true,
          ),
          fix('Use "pvgrub64"', replaceString(text, f, 'pvgrub64')),
        ],
      },
    ];
  },
);
