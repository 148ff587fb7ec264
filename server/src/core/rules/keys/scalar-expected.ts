// A list where xl reads one value (a string or a number): libxlutil refuses it, xl warns and
// ignores the key (for `name`, xl then stops: a domain needs a name).

import type { Rule, RuleFinding } from '../rule';
import { consequence, getterProblems } from './getter-problems';
import { fix } from './support';

export const scalarExpected: Rule = {
  slug: 'scalar-expected',
  defaultSeverity: 'warning',
  description: 'A list for a key that xl reads as a single value (it ignores the key).',
  check(ctx) {
    const out: RuleFinding[] = [];
    const text = ctx.parsed.text;
    for (const f of getterProblems(ctx)) {
      if (f.problem !== 'list-not-scalar') continue;
      const v = f.setting.accumulated ?? f.setting.value;
      const only = v.kind === 'list' && v.items.length === 1 && v.items[0].kind === 'string' && f.setting.value.kind === 'list' ? v.items[0] : undefined;
      const fixes = only && f.setting.op === '=' ? [fix('Use the single element', [{ start: f.start, end: f.end, newText: text.slice(only.start, only.end) }], true)] : [];
      out.push({
        start: f.start,
        end: f.end,
        severity: f.fatal ? 'error' : undefined,
        message: `${consequence(f, ctx.xenVersion)}. \`${f.key}\` takes one value, not a list.`,
        fixes,
      });
    }
    return out;
  },
};
