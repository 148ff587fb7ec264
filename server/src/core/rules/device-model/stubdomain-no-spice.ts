// STUB-06: libxl never passes -spice to a QEMU in a stub domain (either kind), so SPICE is
// silently not started.
import { dmRule } from './support';
import { fix, replaceBare } from '../../device-model/edits';

export const stubdomainNoSpice = dmRule(
  'stubdomain-no-spice',
  'warning',
  'SPICE with a stub domain, where it is never started',
  (ctx, plan) => {
    const v = ctx.view.defbool('spice');
    if (plan.runsIn.value !== 'stub-domain' || !v?.value) return [];
    return [
      {
        start: v.start,
        end: v.end,
        message:
          'SPICE will not be started: libxl does not give SPICE options to a QEMU running in a stub domain (all releases), and says nothing about it. ' +
          'Run QEMU in dom0 if you need SPICE, or turn it off.',
        fixes: [fix('Set spice = 0', replaceBare(v, '0'), true)],
      },
    ];
  },
);
