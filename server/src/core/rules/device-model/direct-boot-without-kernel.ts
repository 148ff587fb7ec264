// FW-14: libxl honours an HVM guest's ramdisk/cmdline only with kernel=, and refuses them
// alone with "direct boot parameters specified but kernel missing". xl builds the command
// line from cmdline, or root plus extra.
import { dmRule, keyRange } from './support';
import { removeKeyFix } from '../../device-model/edits';

export const directBootWithoutKernel = dmRule(
  'direct-boot-without-kernel',
  'error',
  'HVM ramdisk, cmdline, root or extra without kernel',
  (ctx, plan) => {
    if (plan.guestType.value !== 'hvm' || ctx.view.string('kernel')) return [];
    const keys = ['ramdisk', 'cmdline', 'root', 'extra'].filter((k) => ctx.view.string(k) !== undefined);
    return keys.map((k) => ({
      ...keyRange(ctx, k)!,
      message:
        `libxl will refuse the guest with "direct boot parameters specified but kernel missing": \`${k}\` is for HVM direct kernel boot and needs kernel= (all releases). ` +
        'Add the kernel, or remove it to boot from disk.',
      fixes: [removeKeyFix(ctx.parsed.text, ctx.view, k)],
    }));
  },
);
