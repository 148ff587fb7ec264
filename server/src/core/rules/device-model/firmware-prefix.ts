// FW-07: xl compares HVM `firmware` by prefix: "" or any prefix of "uefi" means OVMF, any
// prefix of "bios" the default BIOS — surprising for abbreviations like "u" or "".
import { dmRule } from './support';
import { fix, replaceString } from '../../device-model/edits';

export const firmwarePrefix = dmRule(
  'firmware-prefix',
  'information',
  'HVM firmware= abbreviated to a prefix of "uefi" or "bios"',
  (ctx, plan) => {
    const f = ctx.view.string('firmware');
    if (plan.guestType.value !== 'hvm' || !f) return [];
    const v = f.value;
    const full = v === '' || ('uefi'.startsWith(v) && v !== 'uefi') ? 'uefi' : 'bios'.startsWith(v) && v !== 'bios' ? 'bios' : undefined;
    if (!full) return [];
    return [
      {
        start: f.start,
        end: f.end,
        message:
          `firmware = "${v}" is read as a prefix of "${full}", so the guest boots ${full === 'uefi' ? 'OVMF (UEFI)' : 'the default BIOS'}. Spell it out to say so.`,
        fixes: [fix(`Write "${full}"`, replaceString(ctx.parsed.text, f, full), true)],
      },
    ];
  },
);
