// A number written with a leading 0 (`memory = 0100`): xl reads numbers with C strtol base 0,
// so a leading 0 means octal and 0100 is 64, silently (all releases). Worth saying, since
// zero-padded numbers look decimal to people.

import type { Rule, RuleFinding } from '../rule';
import { keyExistsIn } from '../../catalog';
import { factsOf } from './catalog-index';
import { fix, guestTypeOf, replaceValue } from './support';

const OCTAL = /^\s*([+-]?)0([0-7]+)$/;

export const octalNumber: Rule = {
  slug: 'octal-number',
  defaultSeverity: 'warning',
  description: 'A number with a leading 0, which xl reads as octal (0100 is 64).',
  check(ctx) {
    const type = guestTypeOf(ctx);
    const out: RuleFinding[] = [];
    for (const name of ctx.view.names()) {
      const f = factsOf(name);
      if (!f || (f.read !== 'long' && f.read !== 'long-quiet' && f.read !== 'long-or-string')) continue;
      if (!keyExistsIn(f.entry, ctx.xenVersion) || (type && !f.entry.readFor.includes(type))) continue;
      const n = ctx.view.long(name);
      if (!n) continue;
      const m = OCTAL.exec(n.setting.value.kind === 'string' ? n.setting.value.value : '');
      if (!m) continue;
      const decimal = `${m[1]}${m[2].replace(/^0+(?=\d)/, '')}`;
      if (BigInt(decimal) === n.value) continue; // 00..07: the same either way
      const bare = n.setting.value.kind === 'string' && n.setting.value.token === 'number';
      out.push({
        start: n.start,
        end: n.end,
        message:
          `xl reads this as the octal number ${n.value}${f.entry.units ? ` ${f.entry.units}` : ''}, not ${decimal}: a leading 0 means octal to C strtol (all releases). ` +
          `Write ${decimal} if that is what you mean, or ${n.value} to keep what xl uses now.`,
        fixes: [
          fix(`Write ${decimal}`, [replaceValue(ctx.parsed.text, n, decimal, bare)], true),
          fix(`Write ${n.value} (what xl uses now)`, [replaceValue(ctx.parsed.text, n, String(n.value), bare)]),
        ],
      });
    }
    return out;
  },
};
