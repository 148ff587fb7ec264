// PVH-01: a PV or PVH guest needs kernel=, bootloader= or firmware= (pvgrub); otherwise xl
// exits with "Neither kernel nor bootloader specified".
import { dmRule } from './support';
import { fix, insertSetting, quoted } from '../../device-model/edits';

export const pvNoBootSource = dmRule(
  'pv-no-boot-source',
  'error',
  'PV/PVH guest without kernel, bootloader or firmware',
  (ctx, plan) => {
    const t = plan.guestType.value;
    if (t === 'hvm' || ctx.view.string('kernel') || ctx.view.string('bootloader') || ctx.view.string('firmware')) return [];
    const anchor = plan.guestType.source ?? { start: 0, end: 0 };
    return [
      {
        ...anchor,
        message:
          `xl will stop with "Neither kernel nor bootloader specified" (all releases): a ${t.toUpperCase()} guest has no firmware of its own${plan.guestType.source ? '' : ' (no `type` key, so this is a PV guest)'}. ` +
          `Add kernel= (a ${t === 'pvh' ? 'PVH-capable' : 'PV'} kernel) or bootloader = "pygrub".`,
        fixes: [fix('Add bootloader = "pygrub"', insertSetting(ctx.parsed.text, ctx.view, 'bootloader', quoted('pygrub')), true)],
      },
    ];
  },
);
