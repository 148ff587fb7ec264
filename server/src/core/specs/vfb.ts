// VFB_SPEC_STRING (`vfb = [ "..." ]`): the VNC/SDL keys of a PV framebuffer. xl never
// complains here: unknown keys are ignored, and a token without '=' silently ends the
// spec. vnc, vncunused, sdl, opengl and vncdisplay are read with atoi.

import { parse } from '../../generated/spec-vfb';
import type { GeneratedParse } from './peg';
import { closest, problem } from './problems';
import { asField, atoiField, tokenItems } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

const NUMERIC = ['vnc', 'vncunused', 'sdl', 'opengl', 'vncdisplay'] as const;
const STRINGS = ['vnclisten', 'vncpasswd', 'keymap', 'display', 'xauthority'] as const;
const KEYS: readonly string[] = [...NUMERIC, ...STRINGS];

export interface VfbSpec {
  numbers: Partial<Record<(typeof NUMERIC)[number], SpecField<number>>>;
  strings: Partial<Record<(typeof STRINGS)[number], SpecField<string>>>;
  accepted: boolean;
}

export function parseVfbSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<VfbSpec> {
  const spec: VfbSpec = { numbers: {}, strings: {}, accepted: true };
  const problems: SpecProblem[] = [];
  for (const it of tokenItems(parse as GeneratedParse, text)) {
    if (!it.key) {
      problems.push(problem({
        code: 'vfb-spec-truncated', start: it.start, end: text.length, reaction: 'silent',
        message: `\`${it.text}\` has no \`=\`, so xl stops reading this vfb spec here without a message: everything from here on is ignored.`,
      }));
      break;
    }
    const k = it.key.value;
    if ((NUMERIC as readonly string[]).includes(k)) spec.numbers[k as (typeof NUMERIC)[number]] = atoiField(k, it.value!, problems, 'vfb-number');
    else if ((STRINGS as readonly string[]).includes(k)) spec.strings[k as (typeof STRINGS)[number]] = asField(it.value!);
    else {
      const guess = closest(k, KEYS);
      problems.push(problem({
        code: 'vfb-option-unknown', start: it.key.start, end: it.key.end, reaction: 'silent',
        message: `xl ignores the unknown vfb option \`${k}\` without a message${guess ? `; did you mean \`${guess}\`?` : '.'}`,
        replacement: guess ? { title: `Change to \`${guess}\``, newText: guess, start: it.key.start, end: it.key.end } : undefined,
      }));
    }
  }
  return { spec, problems };
}
