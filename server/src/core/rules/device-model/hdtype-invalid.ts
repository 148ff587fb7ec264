// HD-01: xl matches hdtype case-insensitively against ide/ahci and exits on anything else.
import { dmRule } from './support';
import { fix, replaceString } from '../../device-model/edits';

export const hdtypeInvalid = dmRule(
  'hdtype-invalid',
  'error',
  'hdtype other than "ide" or "ahci"',
  (ctx, plan) => {
    const h = plan.hdtypeSetting;
    if (!h || h.valid || plan.guestType.value !== 'hvm') return [];
    const text = ctx.parsed.text;
    return [
      {
        ...h.range,
        message: `xl will stop with \`ERROR: invalid value "${h.value}" for "hdtype"\` (all releases): only "ide" (the default) and "ahci" exist.`,
        fixes: [fix('Use "ide"', replaceString(text, h.range, 'ide'), true), fix('Use "ahci"', replaceString(text, h.range, 'ahci'))],
      },
    ];
  },
);
