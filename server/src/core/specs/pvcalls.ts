// PVCALLS_SPEC_STRING (`pvcalls = [ "..." ]`): only `backend=`. As for vtpm, a token
// without '=' silently ends the spec.

import { parse } from '../../generated/spec-pvcalls';
import type { GeneratedParse } from './peg';
import { closest, problem } from './problems';
import { asField, fatal, tokenItems } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export interface PvcallsSpec {
  backend?: SpecField<string>;
  accepted: boolean;
}

export function parsePvcallsSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<PvcallsSpec> {
  const spec: PvcallsSpec = { accepted: true };
  const problems: SpecProblem[] = [];
  for (const it of tokenItems(parse as GeneratedParse, text)) {
    if (!it.key) {
      problems.push(problem({
        code: 'pvcalls-spec-truncated', start: it.start, end: text.length, reaction: 'silent',
        message: `\`${it.text}\` has no \`=\`, so xl stops reading this pvcalls spec here without a message: everything from here on is ignored.`,
      }));
      break;
    }
    if (it.key.value === 'backend') spec.backend = asField(it.value!);
    else {
      problems.push(fatal(it.key.start, it.key.end, 'pvcalls-option-unknown', `Unknown string \`${it.key.value}' in pvcalls spec`,
        `Unknown pvcalls option \`${it.key.value}\` (the only option is backend)`, 1,
        closest(it.key.value, ['backend']) ? { title: 'Change to `backend`', newText: 'backend', start: it.key.start, end: it.key.end } : undefined));
      spec.accepted = false;
      break;
    }
  }
  return { spec, problems };
}
