// One value where xl reads a list (disk, vif, pci, device_model_args, ...): libxlutil refuses
// it, xl warns and ignores the key, so no disk or NIC at all is created from it.

import type { Rule, RuleFinding } from '../rule';
import { consequence, getterProblems } from './getter-problems';
import { fix } from './support';

export const listExpected: Rule = {
  slug: 'list-expected',
  defaultSeverity: 'warning',
  description: 'A single value for a key that xl reads as a list (it ignores the key).',
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const f of getterProblems(ctx)) {
      if (f.problem !== 'scalar-not-list') continue;
      const s = f.setting;
      const fixes = s.op === '=' ? [fix('Make it a one-element list', [{ start: s.value.start, end: s.value.start, newText: '[ ' }, { start: s.value.end, end: s.value.end, newText: ' ]' }], true)] : [];
      out.push({
        start: f.start,
        end: f.end,
        severity: f.fatal ? 'error' : undefined,
        message: `${consequence(f, ctx.xenVersion)}. \`${f.key}\` is a list even with one element: write [ ${s.value.kind === 'string' ? ctx.parsed.text.slice(s.value.start, s.value.end) : '…'} ].`,
        fixes,
      });
    }
    return out;
  },
};
