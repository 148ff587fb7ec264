// A number key whose value is not a whole C number (strtol base 0): "yes", "512M", "1e3",
// "16 " with a trailing blank, `08` (not octal). xl warns and ignores the key.

import type { Rule, RuleFinding } from '../rule';
import type { Fix } from '../../findings';
import { consequence, getterProblems } from './getter-problems';
import { fix, replaceValue } from './support';

const TRUE_WORDS = /^\s*(yes|true|on|enabled?)\s*$/i;
const FALSE_WORDS = /^\s*(no|false|off|disabled?)\s*$/i;
const WITH_UNIT = /^\s*(\d+)\s*([kmgt])(i?b)?\s*$/i;
// 08, 09, 0128: a leading 0 makes strtol read octal, where 8 and 9 are not digits.
const BAD_OCTAL = /^\s*[+-]?0\d*[89]\d*\s*$/;
const PADDED = /^\s*([+-]?(?:0x[0-9a-f]+|\d+))\s*$/i;
const UNIT_MIB: Record<string, number> = { k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024 };

export const notANumber: Rule = {
  slug: 'not-a-number',
  defaultSeverity: 'warning',
  description: 'A number or boolean key whose value xl cannot read as a number (it ignores the key).',
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const f of getterProblems(ctx)) {
      if (f.problem !== 'not-a-number' && f.problem !== 'out-of-range') continue;
      const v = f.setting.value.kind === 'string' ? f.setting.value.value : '';
      const e = f.facts.entry;
      const fixes: Fix[] = [];
      const bool = e.valueType === 'defbool' || e.valueType === 'boolean';
      if (bool && TRUE_WORDS.test(v)) fixes.push(fix('Write 1', [replaceValue(ctx.parsed.text, f, '1', true)], true));
      else if (bool && FALSE_WORDS.test(v)) fixes.push(fix('Write 0', [replaceValue(ctx.parsed.text, f, '0', true)], true));
      else if (BAD_OCTAL.test(v) && f.problem === 'not-a-number') {
        const n = v.trim().replace(/^([+-]?)0+(?=\d)/, '$1');
        fixes.push(fix(`Write ${n} (decimal)`, [replaceValue(ctx.parsed.text, f, n, true)], true));
      } else if (PADDED.test(v) && f.problem === 'not-a-number') {
        const n = PADDED.exec(v)![1];
        if (!/^0\d/.test(n)) fixes.push(fix(`Write ${n}`, [replaceValue(ctx.parsed.text, f, n, true)], true));
      } else if (e.units === 'MiB' && WITH_UNIT.test(v)) {
        const m = WITH_UNIT.exec(v)!;
        const mib = Number(m[1]) * UNIT_MIB[m[2].toLowerCase()];
        if (Number.isInteger(mib)) fixes.push(fix(`Write ${mib} (MiB)`, [replaceValue(ctx.parsed.text, f, String(mib), true)], true));
      }
      const how = f.problem === 'out-of-range'
        ? 'The number does not fit in a 64-bit C long.'
        : BAD_OCTAL.test(v)
          ? 'A leading 0 makes C strtol read an octal number, where 8 and 9 are not digits: drop the leading zeros.'
          : bool
          ? 'Booleans are numbers to xl: write 1 or 0 (words like "yes" are not numbers).'
          : `xl reads numbers with C strtol (base 0: a leading 0 means octal, 0x hex), and the whole string must be the number${e.units ? `, in ${e.units} without a unit suffix` : ''}.`;
      out.push({
        start: f.start,
        end: f.end,
        severity: f.fatal ? 'error' : undefined,
        message: `${consequence(f, ctx.xenVersion)}. ${how}`,
        fixes,
      });
    }
    return out;
  },
};
