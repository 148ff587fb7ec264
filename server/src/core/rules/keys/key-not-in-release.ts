// A key the selected release's xl does not read yet: xl of that release ignores it silently,
// although newer releases act on it.

import type { Rule, RuleFinding } from '../rule';
import { keyExistsIn } from '../../catalog';
import { compareXen } from '../../xen-version';
import { factsOf } from './catalog-index';
import { fix, nameRange, removeAssignment } from './support';

// stubdomain_* keys: the device-model checks explain them with the stub domain (stubdomain-key-ignored).
const EXPLAINED_ELSEWHERE = new Set(['stubdomain_kernel', 'stubdomain_ramdisk', 'stubdomain_memory', 'stubdomain_cmdline']);

export const keyNotInRelease: Rule = {
  slug: 'key-not-in-release',
  defaultSeverity: 'warning',
  description: 'A key that xl of the selected Xen release does not read yet (it ignores it silently).',
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const s of ctx.view.settings) {
      const f = factsOf(s.name);
      if (!f || EXPLAINED_ELSEWHERE.has(s.name) || keyExistsIn(f.entry, ctx.xenVersion)) continue;
      const e = f.entry;
      const when = e.removedIn && compareXen(ctx.xenVersion, e.removedIn) >= 0
        ? `xl stopped reading \`${s.name}\` in Xen ${e.removedIn}`
        : `\`${s.name}\` is read from Xen ${e.since} on`;
      out.push({
        ...nameRange(s),
        message: `xl of Xen ${ctx.xenVersion} ignores this setting without a word: ${when}. Remove it, or check against the release the host runs (setting xlcfg.xenVersion).`,
        fixes: [fix(`Remove \`${s.name}\``, [removeAssignment(ctx.parsed.text, s)])],
        tags: ['unnecessary'],
      });
    }
    return out;
  },
};
