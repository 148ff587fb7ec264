// `key += value` on a number key: libxlutil's number getter refuses any value built with `+=`,
// so xl warns and ignores the key altogether, the first assignment included.

import type { Rule, RuleFinding } from '../rule';
import { consequence, getterProblems } from './getter-problems';
import { fix } from './support';

export const plusEqualsOnNumber: Rule = {
  slug: 'plus-equals-on-number',
  defaultSeverity: 'warning',
  description: '`+=` on a number key: xl ignores the key entirely.',
  check(ctx) {
    const out: RuleFinding[] = [];
    const text = ctx.parsed.text;
    for (const f of getterProblems(ctx)) {
      if (f.problem !== 'plus-equals-number') continue;
      const s = f.setting;
      const op = text.indexOf('+=', s.nameEnd);
      const opRange = op >= 0 && op < s.value.start ? { start: op, end: op + 2 } : { start: s.nameStart, end: s.nameEnd };
      out.push({
        start: opRange.start,
        end: s.value.end,
        severity: f.fatal ? 'error' : undefined,
        message: `${consequence(f, ctx.xenVersion)}. \`+=\` only appends to strings and lists; a number cannot be added to. Write the final number with \`=\`.`,
        fixes: op >= 0 && op < s.value.start ? [fix('Use `=` (this value replaces the earlier one)', [{ ...opRange, newText: '=' }], true)] : [],
      });
    }
    return out;
  },
};
