// STUB-10: stubdomain_kernel/_ramdisk/_memory exist from Xen 4.14 and stubdomain_cmdline from
// 4.16 (ce233b1031); older xl does not know them and ignores them silently.
import { dmRule, keyRange } from './support';
import { removeKeyFix } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';
import type { RuleFinding } from '../rule';

const SINCE: Record<string, string> = {
  stubdomain_kernel: '4.14',
  stubdomain_ramdisk: '4.14',
  stubdomain_memory: '4.14',
  stubdomain_cmdline: '4.16',
};

export const stubdomainKeyIgnored = dmRule(
  'stubdomain-key-ignored',
  'information',
  'stubdomain_* keys on releases that do not read them, or without a stub domain',
  (ctx, plan) => {
    const out: RuleFinding[] = [];
    for (const [key, since] of Object.entries(SINCE)) {
      if (!ctx.view.has(key)) continue;
      let why: string | undefined;
      if (!xenAtLeast(ctx.xenVersion, since)) why = `xl ${ctx.xenVersion} does not know \`${key}\` (it exists from Xen ${since}) and ignores it silently.`;
      else if (!plan.stubdomain) why = `\`${key}\` has no effect: this guest has no stub domain (that needs an HVM guest with device_model_stubdomain_override = 1).`;
      if (!why) continue;
      out.push({
        ...keyRange(ctx, key)!,
        message: `${why} Remove it${!xenAtLeast(ctx.xenVersion, since) ? `, or target Xen ${since} or later` : ''}.`,
        fixes: [removeKeyFix(ctx.parsed.text, ctx.view, key)],
        tags: ['unnecessary'],
      });
    }
    return out;
  },
);
