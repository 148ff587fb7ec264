// HD-02: hdtype is read for HVM only, and only qemu-xen's argument builder uses it.
import { dmRule, keyRange } from './support';
import { removeKeyFix } from '../../device-model/edits';

export const hdtypeIgnored = dmRule(
  'hdtype-ignored',
  'information',
  'hdtype where it has no effect (PV/PVH guests, qemu-xen-traditional)',
  (ctx, plan) => {
    const h = plan.hdtypeSetting;
    if (!h) return [];
    let why: string | undefined;
    if (plan.guestType.value !== 'hvm') why = `hdtype is read for HVM guests only; this ${plan.guestType.value.toUpperCase()} guest has no emulated disks.`;
    else if (plan.deviceModel.value === 'qemu-xen-traditional') why = `qemu-xen-traditional ignores hdtype: its disks are always IDE (${plan.deviceModel.reason}).`;
    if (!why) return [];
    return [
      {
        ...keyRange(ctx, 'hdtype')!,
        message: `${why} Remove it.`,
        fixes: [removeKeyFix(ctx.parsed.text, ctx.view, 'hdtype')],
        tags: ['unnecessary'],
      },
    ];
  },
);
