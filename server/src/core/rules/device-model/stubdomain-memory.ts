// The stub domain is a second domain on the host: its memory (stubdomain_memory or the default
// 128 MiB Linux / 28 MiB Mini-OS, plus videoram, libxl__spawn_stub_dm) comes on top of the
// guest's own, and libxl_mem.c counts it in what the guest needs (4.14+; before, a flat
// 32 MiB). The layout's host-memory-needed shows the total.
import { dmRule } from './support';
import { xenAtLeast } from '../../xen-version';

export const stubdomainMemory = dmRule(
  'stubdomain-memory',
  'hint',
  'how much host memory the stub domain takes on top of the guest',
  (ctx, plan) => {
    // Only when a stub domain is really built (not where libxl refuses the combination).
    if (plan.runsIn.value !== 'stub-domain' || !plan.stubdomainMemoryMiB) return [];
    return [
      {
        ...plan.stubdomainRequested!.source!,
        message:
          `The stub domain is a second domain of ${plan.stubdomainMemoryMiB.value} MiB on the host (${plan.stubdomainMemoryMiB.reason}), ` +
          (xenAtLeast(ctx.xenVersion, '4.14')
            ? 'which libxl adds to the memory this guest needs before it starts (dom0 is ballooned down by that much, or creation fails). '
            : `for which libxl ${ctx.xenVersion} budgets a flat 32 MiB in the memory this guest needs before it starts. `) +
          'Count it when sizing the host; stubdomain_memory changes it (Xen 4.14 and later).',
      },
    ];
  },
);
