// STUB-11: the Linux stub domain defaults to 128 MiB (LIBXL_LINUX_STUBDOM_MEM); less may keep
// it from starting ("Stubdom … startup timed out"). The exact threshold was not measured.
import { dmRule } from './support';
import { fix, replaceBare } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const linuxStubdomainMemoryLow = dmRule(
  'linux-stubdomain-memory-low',
  'warning',
  'stubdomain_memory below the Linux stub domain default of 128 MiB',
  (ctx, plan) => {
    const m = plan.stubdomainMemorySetting;
    if (plan.stubdomainKind !== 'linux' || !m || m.value >= 128 || !xenAtLeast(ctx.xenVersion, '4.14')) return [];
    return [
      {
        ...m.range,
        message:
          `stubdomain_memory = ${m.value} MiB is below the 128 MiB a Linux stub domain gets by default (Xen 4.14 and later); ` +
          'it may fail to boot, and creation then ends with "Stubdom … startup timed out" (the real minimum depends on the image and was not measured). ' +
          'Remove the key or use at least 128.',
        fixes: [fix('Use 128 MiB', replaceBare(m.range, '128'), true)],
      },
    ];
  },
);
