// A list inside a list of strings (device_model_args, dtdev, serial, ...): libxlutil stores no
// string for it, and xl's readers stop at the first element that is not a string, so it and
// every later element are dropped without a word. (Spec-string keys such as disk and vif are
// checked by the spec rules, which know each key's own reaction.)

import type { Rule, RuleFinding } from '../rule';
import type { RuleContext } from '../context';
import { keyExistsIn } from '../../catalog';
import { factsOf } from './catalog-index';
import { isSpecKey } from './getter-problems';
import { describeExit, fix, guestTypeOf, xlExitAt } from './support';

type KeyedFinding = RuleFinding & { key: string };

/** The findings of this check, computed once per run (the xl-message checks skip what it explains). */
export function nestedListProblems(ctx: RuleContext): KeyedFinding[] {
  return ctx.memo('keys:nested-list-problems', compute);
}

export const nestedListInDeviceKey: Rule = {
  slug: 'nested-list-in-device-key',
  defaultSeverity: 'warning',
  description: 'A nested list inside a list of strings: xl stops reading the list there.',
  check: (ctx) => nestedListProblems(ctx).map(({ key: _key, ...f }) => f),
};

function compute(ctx: RuleContext): KeyedFinding[] {
    const type = guestTypeOf(ctx);
    const out: KeyedFinding[] = [];
    for (const name of ctx.view.names()) {
      const f = factsOf(name);
      if (!f || isSpecKey(name) || !keyExistsIn(f.entry, ctx.xenVersion)) continue;
      if (f.read !== 'list' && f.read !== 'list-quiet' && f.read !== 'string-or-list') continue;
      if (type && !f.entry.readFor.includes(type)) continue;
      const list = ctx.view.list(name);
      if (!list) continue;
      const i = list.items.findIndex((it) => it.value === null);
      if (i < 0) continue;
      const it = list.items[i];
      const later = list.items.length - i - 1;
      const exit = xlExitAt(ctx, name, it);
      const inner = it.node.kind === 'list' && it.node.items.length === 1 && it.node.items[0].kind === 'string' ? it.node.items[0] : undefined;
      out.push({
        key: name,
        start: it.start,
        end: it.end,
        severity: exit ? 'error' : undefined,
        message: exit
          ? `Every element of \`${name}\` must be a string: ${describeExit(exit)} (Xen ${ctx.xenVersion}).`
          : `xl stops reading \`${name}\` at this nested list: it${later ? ` and the ${later} element${later > 1 ? 's' : ''} after it are` : ' is'} dropped without a word (all releases). Write each element as a plain string.`,
        fixes: inner ? [fix('Use the string inside', [{ start: it.start, end: it.end, newText: ctx.parsed.text.slice(inner.start, inner.end) }], true)] : [],
      });
    }
    return out;
}
