// Keys of the xm toolstack (removed in Xen 4.5) that xl never read: configs carried over from
// xm still contain them, and xl drops them silently. Say what xl uses instead.

import type { Rule, RuleFinding } from '../rule';
import { XM_KEYS } from './xm-keys';
import { fix, nameRange, removeAssignment } from './support';

export const removedKey: Rule = {
  slug: 'removed-key',
  defaultSeverity: 'warning',
  description: 'An xm/xend key that xl never reads, with what to use instead.',
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const s of ctx.view.settings) {
      const xm = XM_KEYS.get(s.name);
      if (!xm) continue;
      const fixes = [fix(`Remove \`${s.name}\``, [removeAssignment(ctx.parsed.text, s)], !xm.replacement)];
      // A plain rename keeps the value's meaning only where the xl key takes the same value.
      if (xm.replacement && ['cap', 'cpus', 'seclabel'].includes(xm.replacement) && !ctx.view.has(xm.replacement)) {
        fixes.unshift(fix(`Rename to \`${xm.replacement}\``, [{ ...nameRange(s), newText: xm.replacement }], true));
      }
      out.push({
        ...nameRange(s),
        message: `\`${s.name}\` is an xm/xend setting that xl never reads: xl ignores it silently on all releases, so what it asked for does not happen. Instead, ${xm.advice}`,
        fixes,
        tags: ['deprecated'],
      });
    }
    return out;
  },
};
