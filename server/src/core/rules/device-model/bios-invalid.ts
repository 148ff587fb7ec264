// FW-04: xl matches `bios` case-insensitively against rombios/seabios/ovmf (and "unknown") and
// exits on anything else.
import { dmRule } from './support';
import { fix, replaceString } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const biosInvalid = dmRule(
  'bios-invalid',
  'error',
  'bios other than rombios, seabios or ovmf',
  (ctx, plan) => {
    const b = plan.biosSetting;
    if (!b || b.valid) return [];
    const text = ctx.parsed.text;
    const guess = /uefi|efi|ovmf/i.test(b.value) ? 'ovmf' : 'seabios';
    return [
      {
        ...b.range,
        message:
          `xl will stop with \`ERROR: invalid value "${b.value}" for "bios"\` (all releases): the choices are "seabios" (default with qemu-xen), "ovmf" (UEFI)` +
          (!xenAtLeast(ctx.xenVersion, '4.21') ? ' and "rombios" (qemu-xen-traditional only)' : '') + '.',
        fixes: [
          fix(`Use "${guess}"`, replaceString(text, b.range, guess), true),
          fix(`Use "${guess === 'ovmf' ? 'seabios' : 'ovmf'}"`, replaceString(text, b.range, guess === 'ovmf' ? 'seabios' : 'ovmf')),
        ],
      },
    ];
  },
);
