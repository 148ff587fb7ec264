// A key assigned again later with `=`: xl keeps only the last assignment (libxlutil's lookup
// returns the last one), so the earlier value is dropped without a word.

import type { Rule, RuleFinding } from '../rule';
import { factsOf } from './catalog-index';
import { fix, removeAssignment } from './support';

export const overriddenSetting: Rule = {
  slug: 'overridden-setting',
  defaultSeverity: 'warning',
  description: 'An assignment that a later `=` assignment of the same key silently overrides.',
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const name of ctx.view.names()) {
      // Keys xl does not know are reported as such; which assignment "wins" does not matter.
      if (!factsOf(name)) continue;
      const all = ctx.view.all(name);
      if (all.length < 2) continue;
      // The last plain `=` wins; everything before it (and the `+=` onto it) is lost.
      let lastPlain = -1;
      for (let i = all.length - 1; i >= 0; i--) {
        if (all[i].op === '=') {
          lastPlain = i;
          break;
        }
      }
      const winner = all[lastPlain];
      for (let i = 0; i < lastPlain; i++) {
        const s = all[i];
        out.push({
          start: s.start,
          end: s.end,
          message:
            `xl ignores this assignment: \`${name}\` is assigned again on line ${winner.line} and xl uses only that later value (all releases, no warning). ` +
            'Remove this line, or merge the two.',
          related: [{ start: winner.start, end: winner.end, message: 'the assignment xl uses' }],
          fixes: [fix('Remove the overridden assignment', [removeAssignment(ctx.parsed.text, s)], true)],
          tags: ['unnecessary'],
        });
      }
    }
    return out;
  },
};
