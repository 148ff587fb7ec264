// Checks `smbios` (HVM only: xl reads it only for HVM guests): each "type=value" element,
// and the limit of 99 oem strings.
import type { Rule, RuleFinding } from '../rule';
import type { SmbiosSpec } from '../../specs/smbios';
import { isHvm } from './guest';
import { itemRange, parsedSpecs, specFindings } from './support';

export const smbiosSpecRule: Rule = {
  slug: 'smbios-spec',
  defaultSeverity: 'error',
  description: 'Checks each `smbios` element (an SMBIOS string type and a non-empty value) and the 99-oem-string limit, for HVM guests.',
  check(ctx) {
    if (!isHvm(ctx)) return [];
    const out: RuleFinding[] = specFindings(ctx, 'smbios');
    const items = parsedSpecs<SmbiosSpec>(ctx, 'smbios');
    // xl stops at the first bad element, so the oem count only matters when all before are fine.
    let oem = 0;
    for (const item of items) {
      if (!item.result.spec.accepted) break;
      if (item.result.spec.type?.value !== 'oem') continue;
      oem++;
      if (oem === 100) {
        out.push({
          ...itemRange(ctx, item, 0, item.text.length),
          code: 'smbios-too-many-oem',
          severity: 'error',
          message: 'This is the 100th oem string; xl allows at most 99: `xl create` stops with exit status 1 and the domain is not created. xl says: xl: smbios limited to 99 oem strings',
        });
        break;
      }
    }
    return out;
  },
};
