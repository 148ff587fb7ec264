// VDISPL_SPEC_STRING (`vdispl = [ "..." ]`), xl's parse_vdispl_config: `backend=`,
// `be-alloc=` (strtoul base 0) and `connectors=ID:WxH;ID:WxH...`. Each connector is cut at
// its first ':' (no trimming) and the resolution read with sscanf("%ux%u"), so junk after
// the height is accepted. A connector without ':' makes xl crash (it frees an uninitialised
// pointer). At least one connector is required.

import { parse } from '../../generated/spec-vdispl';
import { cStrtoul } from './cnum';
import type { GeneratedParse } from './peg';
import { closest, problem } from './problems';
import { asField, fatal, strtoulField, tokenItems, type Span } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export interface VdisplConnector {
  id: SpecField<string>;
  width: SpecField<bigint>;
  height: SpecField<bigint>;
}

export interface VdisplSpec {
  backend?: SpecField<string>;
  beAlloc?: SpecField<bigint>;
  connectors: VdisplConnector[];
  accepted: boolean;
}

/** sscanf("%ux%u"): blanks and a sign are allowed before each number. */
function scanResolution(s: string): { w: bigint; h: bigint; wEnd: number; hStart: number; end: number } | undefined {
  const w = cStrtoul(s, 10);
  if (!w.read || s[w.end] !== 'x') return undefined;
  const h = cStrtoul(s, 10, w.end + 1);
  if (!h.read) return undefined;
  return { w: w.value & 0xffffffffn, h: h.value & 0xffffffffn, wEnd: w.end, hStart: w.end + 1, end: h.end };
}

export function parseVdisplSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<VdisplSpec> {
  const spec: VdisplSpec = { connectors: [], accepted: true };
  const problems: SpecProblem[] = [];
  const stop = (p: SpecProblem) => {
    problems.push(p);
    spec.accepted = false;
    return { spec, problems };
  };
  for (const it of tokenItems(parse as GeneratedParse, text)) {
    const key = it.key?.value;
    const v = it.value!;
    if (key === 'backend') spec.backend = asField(v);
    else if (key === 'be-alloc') spec.beAlloc = strtoulField('be-alloc', v, problems, 'vdispl-number');
    else if (key === 'connectors') {
      // A later connectors= replaces the earlier list.
      spec.connectors = [];
      const parts: Span[] = [];
      let at = 0;
      for (const piece of v.value.split(';')) {
        if (piece !== '') parts.push({ value: piece, start: v.start + at, end: v.start + at + piece.length });
        at += piece.length + 1;
      }
      if (parts.length === 0) {
        return stop(problem({
          code: 'vdispl-connectors-empty', start: v.start, end: v.end, reaction: 'crash',
          message: '`connectors=` with no connector makes xl crash (it reads a list entry that does not exist). Write at least one `id:WIDTHxHEIGHT`.',
        }));
      }
      for (const c of parts) {
        const colon = c.value.indexOf(':');
        if (colon < 0) {
          return stop(problem({
            code: 'vdispl-connector-no-colon', start: c.start, end: c.end, reaction: 'crash',
            message: `The connector \`${c.value}\` has no \`:\`, which makes xl crash (double free). Write it as \`${c.value}:WIDTHxHEIGHT\`.`,
          }));
        }
        const res = c.value.slice(colon + 1);
        const r = scanResolution(res);
        const resStart = c.start + colon + 1;
        if (!r) {
          return stop(fatal(resStart, c.end, 'vdispl-resolution-invalid', "Can't parse connector resolution",
            `\`${res}\` is not a resolution WIDTHxHEIGHT such as 1920x1080`));
        }
        if (r.end < res.length) {
          problems.push(problem({
            code: 'vdispl-resolution-junk', start: resStart + r.end, end: c.end, reaction: 'silent',
            message: 'xl ignores this text after the resolution without a message; remove it.',
          }));
        }
        spec.connectors.push({
          id: { value: c.value.slice(0, colon), start: c.start, end: c.start + colon },
          width: { value: r.w, start: resStart, end: resStart + r.wEnd },
          height: { value: r.h, start: resStart + r.hStart, end: resStart + r.end },
        });
      }
    } else {
      const name = key ?? it.text;
      const guess = closest(name, ['backend', 'be-alloc', 'connectors']);
      return stop(fatal(it.start, it.key ? it.key.end : it.end, 'vdispl-option-unknown', `Unknown string "${it.text}" in vdispl spec`,
        `Unknown vdispl option \`${name}\` (the options are backend, be-alloc and connectors${guess ? `; did you mean \`${guess}\`?` : ''})`));
    }
  }
  if (spec.connectors.length === 0) {
    return stop(fatal(0, text.length, 'vdispl-no-connector', 'At least one connector should be specified.',
      'The vdispl spec has no `connectors=id:WIDTHxHEIGHT`'));
  }
  return { spec, problems };
}
