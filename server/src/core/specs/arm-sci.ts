// `arm_sci` (Arm, Xen 4.21+): a comma list in which xl only reads `type=` (none or
// scmi_smc, any case); every other token is ignored without a message. A bad type makes xl
// exit with status 1.

import { parse } from '../../generated/spec-arm-sci';
import type { GeneratedParse } from './peg';
import { closest, problem } from './problems';
import { fatal, tokenItems } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export interface ArmSciSpec {
  type?: SpecField<'none' | 'scmi_smc'>;
  accepted: boolean;
}

export function parseArmSciSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<ArmSciSpec> {
  const spec: ArmSciSpec = { accepted: true };
  const problems: SpecProblem[] = [];
  for (const it of tokenItems(parse as GeneratedParse, text)) {
    if (it.key?.value === 'type') {
      const v = it.value!;
      const t = v.value.toLowerCase();
      if (t === 'none' || t === 'scmi_smc') spec.type = { value: t, start: v.start, end: v.end };
      else {
        const guess = closest(v.value, ['none', 'scmi_smc']);
        problems.push(fatal(v.start, v.end, 'arm-sci-type-unknown', `Unknown ARM_SCI type: ${v.value}`, `Unknown ARM SCI type \`${v.value}\` (use none or scmi_smc)`, 1,
          guess ? { title: `Change to \`${guess}\``, newText: guess, start: v.start, end: v.end } : undefined));
        spec.accepted = false;
        break;
      }
    } else {
      const bareType = !it.key && ['none', 'scmi_smc'].includes(it.text.toLowerCase());
      problems.push(problem({
        code: 'arm-sci-option-ignored', start: it.start, end: it.key ? it.key.end : it.end, reaction: 'silent',
        message: `xl reads only \`type=\` from \`arm_sci\`; \`${it.key?.value ?? it.text}\` is ignored without a message` +
          (bareType ? `, so the SCI type stays none. Write \`type=${it.text}\`.` : '.'),
        replacement: bareType ? { title: `Change to \`type=${it.text}\``, newText: `type=${it.text}`, start: it.start, end: it.end } : undefined,
      }));
    }
  }
  return { spec, problems };
}
