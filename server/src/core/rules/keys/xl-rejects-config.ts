// xl's own fatal checks on the config that no more specific check explains (maxvcpus < vcpus,
// a bad uuid, vnclisten with a display and vncdisplay, a missing name, ...): `xl create`
// stops (or crashes) and the domain is not created. Read from the domain model of the
// selected release, so the outcome is that release's.

import type { Rule, RuleFinding } from '../rule';
import { unexplainedXlMessages } from './xl-messages';
import { describeExit } from './support';

export const xlRejectsConfig: Rule = {
  slug: 'xl-rejects-config',
  defaultSeverity: 'error',
  description: 'A value that makes `xl create` stop or crash (xl\'s own checks, per release).',
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const m of unexplainedXlMessages(ctx)) {
      if (m.message.exitCode === undefined) continue;
      const why = m.trigger ? ` xl does this when: ${m.trigger}.` : '';
      const where = m.key && !ctx.view.has(m.key) ? ` (\`${m.key}\` is not set)` : '';
      out.push({
        start: m.start,
        end: m.end,
        message: `${describeExit(m.message)}${where} (Xen ${ctx.xenVersion}).${why} Change the value so xl accepts it.`,
      });
    }
    return out;
  },
};
