// Warnings xl prints while reading the config that no more specific check explains (root= and
// extra= ignored in favour of cmdline=, kernel= pointing at hvmloader, msr_relaxed, numeric
// tsc_mode/timer_mode, ...): xl goes on, but what it warns about does not take effect.

import type { Rule, RuleFinding } from '../rule';
import { unexplainedXlMessages } from './xl-messages';
import { fix, removeAssignment } from './support';

const HVMLOADER_KERNEL = /^WARNING: you seem to be using "kernel" directive to override HVM guest firmware/;

const NEWLINES = /\s*\n\s*/g;

export const xlWarns: Rule = {
  slug: 'xl-warns',
  defaultSeverity: 'warning',
  description: 'A warning xl prints about the config while creating the domain (per release).',
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const m of unexplainedXlMessages(ctx)) {
      if (m.message.exitCode !== undefined || !m.text) continue;
      const why = m.trigger ? ` It does so when: ${m.trigger}.` : '';
      // kernel = ".../hvmloader" on HVM: an xm-era line that xl ignores; removing it changes nothing.
      const s = m.key === 'kernel' && HVMLOADER_KERNEL.test(m.text) ? ctx.view.setting('kernel') : undefined;
      out.push({
        start: m.start,
        end: m.end,
        ...(s ? { fixes: [fix('Remove the `kernel` line', [removeAssignment(ctx.parsed.text, s)], true)], tags: ['unnecessary' as const] } : {}),
        message: `xl prints \`${m.text.trim().replace(NEWLINES, ' ')}\` and goes on creating the domain (Xen ${ctx.xenVersion}).${why}`,
      });
    }
    return out;
  },
};
