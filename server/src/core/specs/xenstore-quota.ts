// One `xenstore_quota` element (Xen 4.22): "name=value", where the value is read with
// strtoul base 0 and must be a whole number that fits in 32 bits. Errors make xl exit with
// status 1. xl does not check the quota names; xenstored does.

import { parse } from '../../generated/spec-xenstore-quota';
import { cStrtoul } from './cnum';
import { runTotal, type GeneratedParse } from './peg';
import { asField, fatal, type Span } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export interface XenstoreQuotaSpec {
  name?: SpecField<string>;
  value?: SpecField<bigint>;
  accepted: boolean;
}

export function parseXenstoreQuotaSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<XenstoreQuotaSpec> {
  const g = runTotal<{ key: Span | null; value: Span | null }>(parse as GeneratedParse, text, 'Item', { key: null, value: null });
  const spec: XenstoreQuotaSpec = { accepted: false };
  const problems: SpecProblem[] = [];
  if (!g.key) {
    problems.push(fatal(0, text.length, 'xenstore-quota-no-equals', `Quota specification "${text}" lacks "=".`, `\`${text}\` has no \`=\` (write name=value)`));
    return { spec, problems };
  }
  const v = g.value!;
  const r = cStrtoul(v.value, 0);
  if (v.value === '' || !r.read || r.end !== v.value.length || r.overflow || r.value > 0xffffffffn) {
    problems.push(fatal(v.start, Math.max(v.end, v.start), 'xenstore-quota-value-invalid', `Quota specification "${text}" uses illegal value "${v.value}".`,
      v.value === '' ? `\`${g.key.value}=\` has no value` : `\`${v.value}\` is not a whole number from 0 to 4294967295`));
    return { spec, problems };
  }
  spec.name = asField(g.key);
  spec.value = { value: r.value, start: v.start, end: v.end };
  spec.accepted = true;
  return { spec, problems };
}
