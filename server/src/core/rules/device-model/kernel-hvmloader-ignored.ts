// xm-era HVM configs name hvmloader as `kernel`; xl drops it with a warning (so do we) (the firmware is
// always hvmloader, replaced only through firmware_override / firmware=<path>).
import { dmRule, keyRange } from './support';
import { removeKeyFix } from '../../device-model/edits';

export const kernelHvmloaderIgnored = dmRule(
  'kernel-hvmloader-ignored',
  'warning',
  'HVM kernel = ".../hvmloader" (xm style), which xl ignores',
  (ctx, plan) => {
    const k = ctx.view.string('kernel');
    if (plan.guestType.value !== 'hvm' || !k || !/(^|\/)hvmloader$/.test(k.value)) return [];
    return [
      {
        ...keyRange(ctx, 'kernel')!,
        message:
          'xl prints `WARNING: you seem to be using "kernel" directive to override HVM guest firmware. Ignore that. Use "firmware_override" instead if you really want a non-default firmware` ' +
          'and drops the key (all releases): HVM guests always start hvmloader. ' +
          'Remove it.',
        fixes: [removeKeyFix(ctx.parsed.text, ctx.view, 'kernel')],
        tags: ['unnecessary'],
      },
    ];
  },
);
