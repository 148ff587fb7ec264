// VIRTIO_SPEC_STRING (`virtio = [ "..." ]`, Arm, Xen 4.18+): `backend=`, `type=` (a
// compatible string), `transport=mmio` (any case) and `grant_usage=` (strtoul). When the
// type value starts with "virtio", xl glues the next comma token back onto it, because
// compatible strings such as "virtio,device22" contain a comma; with no next token xl
// crashes. A bad transport makes xl exit with status 1 without any message.

import { parse } from '../../generated/spec-virtio';
import type { GeneratedParse } from './peg';
import { closest, problem } from './problems';
import { asField, fatal, strtoulField, tokenItems, type TokenItem } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export interface VirtioSpec {
  backend?: SpecField<string>;
  type?: SpecField<string>;
  transport?: SpecField<'mmio'>;
  grantUsage?: SpecField<bigint>;
  accepted: boolean;
}

export function parseVirtioSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<VirtioSpec> {
  const spec: VirtioSpec = { accepted: true };
  const problems: SpecProblem[] = [];
  const stop = (p: SpecProblem) => {
    problems.push(p);
    spec.accepted = false;
    return { spec, problems };
  };
  const items: TokenItem[] = tokenItems(parse as GeneratedParse, text);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const key = it.key?.value;
    const v = it.value!;
    if (key === 'type') {
      if (v.value.startsWith('virtio')) {
        const next = items[i + 1];
        if (!next) {
          return stop(problem({
            code: 'virtio-type-crash', start: it.start, end: it.end, reaction: 'crash',
            message: `A type starting with \`virtio\` takes the next comma-separated part with it (as in \`virtio,device22\`); here there is none, and xl crashes. Write the whole compatible string, e.g. \`type=virtio,device22\`.`,
          }));
        }
        // strtok's next token, with its leading spaces (xl glues before skipping them).
        const rawNextStart = text.lastIndexOf(',', next.start - 1) + 1;
        spec.type = { value: `${v.value},${text.slice(rawNextStart, next.end)}`, start: v.start, end: next.end };
        i++;
        continue;
      }
      spec.type = asField(v);
    } else if (key === 'backend') spec.backend = asField(v);
    else if (key === 'transport') {
      if (v.value.toLowerCase() === 'mmio') spec.transport = { value: 'mmio', start: v.start, end: v.end };
      else if (v.value.toLowerCase() !== 'unknown') {
        return stop(fatal(v.start, v.end, 'virtio-transport-unknown', undefined,
          `Unknown virtio transport \`${v.value}\` (the only transport is mmio); xl exits without printing anything`, 1,
          { title: 'Change to `mmio`', newText: 'mmio', start: v.start, end: v.end }));
      }
    } else if (key === 'grant_usage') spec.grantUsage = strtoulField('grant_usage', v, problems, 'virtio-number');
    else {
      const name = key ?? it.text;
      const guess = closest(name, ['backend', 'type', 'transport', 'grant_usage']);
      return stop(fatal(it.start, it.key ? it.key.end : it.end, 'virtio-option-unknown', `Unknown string "${it.text}" in virtio spec`,
        `Unknown virtio option \`${name}\` (the options are backend, type, transport and grant_usage${guess ? `; did you mean \`${guess}\`?` : ''})`));
    }
  }
  return { spec, problems };
}
