// VKB_SPEC_STRING (`vkb = [ "..." ]`), xl's parse_vkb_config and parse_vkb_list:
// `backend-type=` (qemu or linux, any case) is required; the feature and size keys are read
// with strtoul base 0; any multi-touch-* size turns multi-touch on, and multi-touch
// without a size makes xl exit. Every error exits with status 1.

import { parse } from '../../generated/spec-vkb';
import type { GeneratedParse } from './peg';
import { closest } from './problems';
import { asField, fatal, strtoulField, tokenItems } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export const VKB_NUMERIC_KEYS = [
  'feature-disable-keyboard', 'feature-disable-pointer', 'feature-abs-pointer', 'feature-raw-pointer', 'feature-multi-touch',
  'multi-touch-width', 'multi-touch-height', 'multi-touch-num-contacts', 'width', 'height',
] as const;
const KEYS = ['backend', 'backend-type', 'unique-id', ...VKB_NUMERIC_KEYS];

export interface VkbSpec {
  backend?: SpecField<string>;
  backendType?: SpecField<'qemu' | 'linux'>;
  uniqueId?: SpecField<string>;
  numbers: Partial<Record<(typeof VKB_NUMERIC_KEYS)[number], SpecField<bigint>>>;
  multiTouch: boolean;
  accepted: boolean;
}

export function parseVkbSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<VkbSpec> {
  const spec: VkbSpec = { numbers: {}, multiTouch: false, accepted: true };
  const problems: SpecProblem[] = [];
  const stop = (p: SpecProblem) => {
    problems.push(p);
    spec.accepted = false;
    return { spec, problems };
  };
  let backendTypeUnknownWritten = false;
  for (const it of tokenItems(parse as GeneratedParse, text)) {
    const key = it.key?.value;
    const v = it.value!;
    if (key === 'backend') spec.backend = asField(v);
    else if (key === 'backend-type') {
      const t = v.value.toLowerCase();
      if (t === 'qemu' || t === 'linux') spec.backendType = { ...asField(v), value: t };
      else if (t === 'unknown') backendTypeUnknownWritten = true; // libxl's placeholder: accepted, means "not set"
      else {
        const guess = closest(v.value, ['qemu', 'linux']);
        return stop(fatal(v.start, v.end, 'vkb-backend-type-unknown', `Unknown backend_type "${v.value}" in vkb spec`,
          `Unknown vkb backend type \`${v.value}\` (use qemu or linux)`, 1,
          guess ? { title: `Change to \`${guess}\``, newText: guess, start: v.start, end: v.end } : undefined));
      }
    } else if (key === 'unique-id') spec.uniqueId = asField(v);
    else if (key !== undefined && (VKB_NUMERIC_KEYS as readonly string[]).includes(key)) {
      spec.numbers[key as (typeof VKB_NUMERIC_KEYS)[number]] = strtoulField(key, v, problems, 'vkb-number');
    } else {
      const name = key ?? it.text;
      const guess = closest(name, KEYS);
      return stop(fatal(it.start, it.key ? it.key.end : it.end, 'vkb-option-unknown', `Unknown string "${it.text}" in vkb spec`,
        `Unknown vkb option \`${name}\`${guess ? ` (did you mean \`${guess}\`?)` : ''}`, 1,
        guess && it.key ? { title: `Change to \`${guess}\``, newText: guess, start: it.key.start, end: it.key.end } : undefined));
    }
  }
  if (!spec.backendType) {
    return stop(fatal(0, text.length, 'vkb-no-backend-type', 'backend-type should be set in vkb spec',
      backendTypeUnknownWritten ? '`backend-type=unknown` leaves the backend type unset' : 'The vkb spec has no `backend-type=` (qemu or linux)'));
  }
  const n = spec.numbers;
  const sizes = [n['multi-touch-width'], n['multi-touch-height'], n['multi-touch-num-contacts']].some((f) => f && f.value !== 0n);
  spec.multiTouch = sizes || (n['feature-multi-touch'] !== undefined && n['feature-multi-touch'].value !== 0n);
  if (spec.multiTouch && !sizes) {
    const f = n['feature-multi-touch']!;
    return stop(fatal(f.start, f.end, 'vkb-multi-touch-size', 'multi-touch-width, multi-touch-height, multi-touch-num-contacts should be set for multi touch in vkb spec',
      'Multi-touch is on but none of multi-touch-width, multi-touch-height, multi-touch-num-contacts is set'));
  }
  return { spec, problems };
}
