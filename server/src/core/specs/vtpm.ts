// VTPM_SPEC_STRING (`vtpm = [ "..." ]`): `backend=` (required) and `uuid=`. xl stops reading
// the spec, without a message, at the first token that has no '=', so anything after it
// is never seen (not even a required backend after it).

import { parse } from '../../generated/spec-vtpm';
import type { GeneratedParse } from './peg';
import { closest, problem } from './problems';
import { asField, fatal, tokenItems } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export interface VtpmSpec {
  backend?: SpecField<string>;
  uuid?: SpecField<string>;
  accepted: boolean;
}

/** libxl_uuid_from_string: exactly 36 characters, hex pairs and dashes at 8-4-4-4-12. */
export function isLibxlUuid(s: string): boolean {
  return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s);
}

export function parseVtpmSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<VtpmSpec> {
  const spec: VtpmSpec = { accepted: true };
  const problems: SpecProblem[] = [];
  const items = tokenItems(parse as GeneratedParse, text);
  for (const it of items) {
    if (!it.key) {
      problems.push(problem({
        code: 'vtpm-spec-truncated', start: it.start, end: text.length, reaction: 'silent',
        message: `\`${it.text}\` has no \`=\`, so xl stops reading this vtpm spec here without a message: everything from here on is ignored.`,
      }));
      break;
    }
    const v = it.value!;
    if (it.key.value === 'backend') spec.backend = asField(v);
    else if (it.key.value === 'uuid') {
      if (!isLibxlUuid(v.value)) {
        problems.push(fatal(v.start, v.end, 'vtpm-uuid-invalid', `Failed to parse vtpm UUID: ${v.value}`,
          `\`${v.value}\` is not a UUID of the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`));
        spec.accepted = false;
        return { spec, problems };
      }
      spec.uuid = asField(v);
    } else {
      const guess = closest(it.key.value, ['backend', 'uuid']);
      problems.push(fatal(it.key.start, it.key.end, 'vtpm-option-unknown', `Unknown string \`${it.key.value}' in vtpm spec`,
        `Unknown vtpm option \`${it.key.value}\` (the options are backend and uuid${guess ? `; did you mean \`${guess}\`?` : ''})`, 1,
        guess ? { title: `Change to \`${guess}\``, newText: guess, start: it.key.start, end: it.key.end } : undefined));
      spec.accepted = false;
      return { spec, problems };
    }
  }
  if (!spec.backend) {
    problems.push(fatal(0, text.length, 'vtpm-no-backend', 'vtpm spec missing required backend field!',
      'The vtpm spec has no `backend=` (the domain running the vTPM manager)'));
    spec.accepted = false;
  }
  return { spec, problems };
}
