// PVH-03: on PV/PVH `firmware` becomes the kernel, so xl refuses both ("ERROR: both kernel and
// firmware specified").
import { dmRule, keyRange } from './support';
import { removeKeyFix } from '../../device-model/edits';

export const firmwareWithKernel = dmRule(
  'firmware-with-kernel',
  'error',
  'PV/PVH guest with both kernel and firmware',
  (ctx, plan) => {
    if (plan.guestType.value === 'hvm' || !ctx.view.string('firmware') || !ctx.view.string('kernel')) return [];
    return [
      {
        ...keyRange(ctx, 'firmware')!,
        message:
          `xl will stop with "ERROR: both kernel and firmware specified" (all releases): on a ${plan.guestType.value.toUpperCase()} guest firmware= only names a PV-GRUB kernel. Keep one of the two.`,
        fixes: [removeKeyFix(ctx.parsed.text, ctx.view, 'firmware')],
      },
    ];
  },
);
