// `boot` on HVM: libxl hands it to QEMU as `-boot order=...`. xl and libxl do not check it.
// QEMU's PC machine (which Xen HVM guests use) knows a/b (floppy), c (disk), d (CD-ROM) and
// n (network), each at most once and at most three of them; anything else stops QEMU at
// start-up, so libxl reports that the device model did not start and the domain is destroyed.

import type { Rule, RuleFinding } from '../rule';
import { valueIndexToOffset } from '../../syntax/string-offsets';
import { fix, guestTypeOf, replaceValue } from './support';

const VALID = /^[a-dn]$/;
const PC_MAX_BOOT_DEVICES = 3;

export const invalidBootOrder: Rule = {
  slug: 'invalid-boot-order',
  defaultSeverity: 'error',
  description: 'A `boot` order QEMU refuses (letters other than a–d and n, a letter twice, more than three).',
  check(ctx) {
    if (guestTypeOf(ctx) !== 'hvm') return [];
    const b = ctx.view.string('boot');
    if (!b || b.setting.op !== '=' || b.setting.value.kind !== 'string') return [];
    const node = b.setting.value;
    const seen = new Set<string>();
    const out: RuleFinding[] = [];
    let cleaned = '';
    for (let i = 0; i < b.value.length; i++) {
      const c = b.value[i];
      const at = { start: valueIndexToOffset(ctx.parsed.text, node, i), end: valueIndexToOffset(ctx.parsed.text, node, i + 1) };
      if (!VALID.test(c)) {
        out.push({ ...at, message: `QEMU refuses the boot device \`${c}\` (its PC machine knows a, b, c, d and n), so the device model does not start and the domain is not created (all releases). Use c (disk), d (CD-ROM) or n (network).` });
      } else if (seen.has(c)) {
        out.push({ ...at, message: `QEMU refuses a boot order that names \`${c}\` twice ("Boot device '${c}' was given twice"), so the device model does not start and the domain is not created (all releases). Name each device once.` });
      } else {
        seen.add(c);
        cleaned += c;
      }
    }
    if (cleaned.length > PC_MAX_BOOT_DEVICES) {
      out.push({
        start: b.start,
        end: b.end,
        message: `QEMU's PC machine takes at most ${PC_MAX_BOOT_DEVICES} boot devices ("Too many boot devices for PC"), so the device model does not start and the domain is not created (all releases). Keep the first three.`,
      });
      cleaned = cleaned.slice(0, PC_MAX_BOOT_DEVICES);
    }
    if (out.length && cleaned) {
      const f = fix(`Write "${cleaned}"`, [replaceValue(ctx.parsed.text, b, cleaned)], true);
      for (const o of out) o.fixes = [f];
    }
    return out;
  },
};
