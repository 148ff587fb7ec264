// One VSND item string (an element of a card list in `vsnd = [[...], ...]`), as xl's
// parse_vsnd_item reads it: the first token is the item kind (card, pcm or stream,
// compared case-insensitively but with any trailing blank kept), then `key=value` tokens.
// Every kind takes the common parameters sample-rates, sample-formats, channels-min,
// channels-max, buffer-size; a card also backend, short-name, long-name; a pcm name; a
// stream unique-id and type (p or c). Every error makes xl exit with status 1.
// Note: the man page's `id=` and float_le-style format names are not what xl accepts.

import { parse } from '../../generated/spec-vsnd';
import type { GeneratedParse } from './peg';
import { closest, problem } from './problems';
import { asField, fatal, strtoulField, tokenItems, type Span } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export const VSND_PCM_FORMATS = [
  's8', 'u8', 's16_le', 's16_be', 'u16_le', 'u16_be', 's24_le', 's24_be', 'u24_le', 'u24_be', 's32_le', 's32_be', 'u32_le', 'u32_be',
  'f32_le', 'f32_be', 'f64_le', 'f64_be', 'iec958_subframe_le', 'iec958_subframe_be', 'mu_law', 'a_law', 'ima_adpcm', 'mpeg', 'gsm',
];
const COMMON = ['sample-rates', 'sample-formats', 'channels-min', 'channels-max', 'buffer-size'];
const OWN: Record<string, string[]> = { card: ['backend', 'short-name', 'long-name'], pcm: ['name'], stream: ['unique-id', 'type'] };

export interface VsndItemSpec {
  kind?: SpecField<'card' | 'pcm' | 'stream'>;
  params: Array<{ key: SpecField<string>; value: SpecField<string> }>;
  sampleRates?: Array<SpecField<bigint>>;
  sampleFormats?: Array<SpecField<string>>;
  streamType?: SpecField<'p' | 'c'>;
  accepted: boolean;
}

function splitSemicolons(v: Span): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const piece of v.value.split(';')) {
    if (piece !== '') out.push({ value: piece, start: v.start + at, end: v.start + at + piece.length });
    at += piece.length + 1;
  }
  return out;
}

export function parseVsndItemSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<VsndItemSpec> {
  const spec: VsndItemSpec = { params: [], accepted: true };
  const problems: SpecProblem[] = [];
  const stop = (p: SpecProblem) => {
    problems.push(p);
    spec.accepted = false;
    return { spec, problems };
  };
  const items = tokenItems(parse as GeneratedParse, text);
  if (items.length === 0) return { spec, problems }; // strtok finds nothing: xl does nothing
  const first = items[0];
  const kind = first.text.toLowerCase();
  if (kind !== 'card' && kind !== 'pcm' && kind !== 'stream') {
    const guess = closest(first.text.trim(), ['CARD', 'PCM', 'STREAM']);
    const trailing = guess && first.text.trim().toLowerCase() === guess.toLowerCase();
    return stop(fatal(first.start, first.end, 'vsnd-item-kind-unknown', `Invalid key: ${first.text}`,
      trailing ? `\`${first.text}\` has a blank at the end, which xl keeps, so it is not ${guess}` : `\`${first.text}\` is not a vsnd item kind (CARD, PCM or STREAM)`, 1,
      guess ? { title: `Change to \`${guess}\``, newText: guess, start: first.start, end: first.end } : undefined));
  }
  spec.kind = { value: kind, start: first.start, end: first.end };
  for (const it of items.slice(1)) {
    const key = it.key?.value;
    const v = it.value!;
    const allowed = [...COMMON, ...OWN[kind]];
    if (key === undefined || !allowed.includes(key)) {
      const name = key ?? it.text;
      const guess = name === 'id' && kind === 'stream' ? 'unique-id' : closest(name, allowed);
      return stop(fatal(it.start, it.key ? it.key.end : it.end, 'vsnd-parameter-unknown', `Invalid parameter: ${it.text}`,
        `\`${name}\` is not a ${kind.toUpperCase()} parameter${name === 'id' ? ' (the man page says `id=`, but xl knows `unique-id=`)' : ''}` +
          `${guess && name !== 'id' ? `; did you mean \`${guess}\`?` : guess ? '' : ''}`, 1,
        guess && it.key ? { title: `Change to \`${guess}\``, newText: guess, start: it.key.start, end: it.key.end } : undefined));
    }
    spec.params.push({ key: asField(it.key!), value: asField(v) });
    if (key === 'sample-rates' || key === 'sample-formats') {
      const parts = splitSemicolons(v);
      if (parts.length === 0) {
        return stop(problem({
          code: 'vsnd-list-empty-crash', start: v.start, end: v.end, reaction: 'crash',
          message: `An empty \`${key}=\` makes xl crash (its list splitter reads an entry that does not exist). Give at least one value.`,
        }));
      }
      if (key === 'sample-rates') {
        spec.sampleRates = parts.map((p) => strtoulField('sample-rates', p, problems, 'vsnd-number'));
      } else {
        spec.sampleFormats = [];
        for (const p of parts) {
          if (!VSND_PCM_FORMATS.includes(p.value.toLowerCase())) {
            const alias: Record<string, string> = { float_le: 'f32_le', float_be: 'f32_be', float64_le: 'f64_le', float64_be: 'f64_be' };
            const guess = alias[p.value.toLowerCase()] ?? closest(p.value, VSND_PCM_FORMATS);
            return stop(fatal(p.start, p.end, 'vsnd-format-unknown', `Invalid pcm format: ${p.value}`,
              `Unknown sample format \`${p.value}\`${alias[p.value.toLowerCase()] ? ' (the man page names it so, but xl knows it as ' + alias[p.value.toLowerCase()] + ')' : ''}`, 1,
              guess ? { title: `Change to \`${guess}\``, newText: guess, start: p.start, end: p.end } : undefined));
          }
          spec.sampleFormats.push(asField(p));
        }
      }
    } else if (key === 'channels-min' || key === 'channels-max' || key === 'buffer-size') {
      strtoulField(key, v, problems, 'vsnd-number');
    } else if (key === 'type') {
      const t = v.value.toLowerCase();
      if (t !== 'p' && t !== 'c') {
        return stop(fatal(v.start, v.end, 'vsnd-stream-type-unknown', `Invalid stream type: ${v.value}`,
          `Unknown stream type \`${v.value}\` (p for playback, c for capture)`));
      }
      spec.streamType = { value: t, start: v.start, end: v.end };
    }
  }
  return { spec, problems };
}
