// One option of a vNUMA node (an element of an inner list of `vnuma`), as xl's
// parse_vnuma_config reads it: `pnode=`, `size=` (MiB) and each `vdistances=` entry are
// decimal (parse_ulong: xl exits on a non-number); `vcpus=` is a comma list of N or N-M
// whose errors xl does not report (a bad range still counts some vCPUs). Unknown options
// are ignored without a message. Checks that need other options or the host (pnode below
// the host's node count, vcpus vs maxvcpus, sizes vs maxmem) are not made here.

import { parse } from '../../generated/spec-vnuma';
import { cStrtoul, xlParseUlong } from './cnum';
import { runTotal, type GeneratedParse } from './peg';
import { closest, problem } from './problems';
import { fatal, legacyPair, type Span } from './items';
import { compareXen, NEWEST_XEN } from '../xen-version';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export interface VnumaOptionSpec {
  key?: SpecField<string>;
  pnode?: SpecField<bigint>;
  /** MiB. */
  size?: SpecField<bigint>;
  vcpus?: Array<{ from: bigint; to: bigint; start: number; end: number }>;
  vdistances?: Array<SpecField<bigint>>;
  accepted: boolean;
}

const KEYS = ['pnode', 'size', 'vcpus', 'vdistances'];

export function parseVnumaOptionSpec(text: string, options: SpecParseOptions = {}): SpecParseResult<VnumaOptionSpec> {
  const legacy = compareXen(options.xenVersion ?? NEWEST_XEN, '4.18') < 0;
  const g0 = runTotal<{ key: Span | null; value: Span | null; rawValueLength: number }>(parse as GeneratedParse, text, 'Option', { key: null, value: null, rawValueLength: 0 });
  // Up to Xen 4.17 the value also stops at the next '=' (legacyPair in items.ts).
  const lp = legacy ? legacyPair(text, 0) : undefined;
  const g = lp ? { ...lp, rawValueLength: lp.value ? 1 : 0 } : g0;
  const spec: VnumaOptionSpec = { accepted: true };
  const problems: SpecProblem[] = [];
  const stop = (p: SpecProblem) => {
    problems.push(p);
    spec.accepted = false;
    return { spec, problems };
  };
  if (!g.key || g.rawValueLength === 0) {
    return stop(fatal(0, text.length, 'vnuma-option-invalid', `xl: failed to split "${text}" into pair`,
      g.key ? `\`${text}\` has no value after \`=\`` : `\`${text}\` has no \`=\` (vNUMA options are written key=value)`));
  }
  const key = g.key;
  const v = g.value!;
  spec.key = { ...key };
  const number = (s: Span): SpecField<bigint> | SpecProblem => {
    const n = xlParseUlong(s.value);
    if (!n.ok) return fatal(s.start, s.end, 'vnuma-number-invalid', `xl: failed to convert "${s.value}" to number`, `\`${s.value}\` is not a decimal number`);
    const r = cStrtoul(s.value, 10);
    if (r.end < s.value.length) {
      problems.push(problem({
        code: 'vnuma-number-junk', start: s.start + r.end, end: s.end, reaction: 'silent',
        message: `xl reads ${n.value} and ignores the rest without a message; remove it.`,
      }));
    }
    return { value: n.value, start: s.start, end: s.end };
  };
  const list = (s: Span): Span[] | SpecProblem => {
    const parts = runTotal<Span[]>(parse as GeneratedParse, s.value, 'List', []).map((p) => ({ value: p.value, start: s.start + p.start, end: s.start + p.end }));
    if (parts.length === 0) {
      return problem({
        code: 'vnuma-list-empty-crash', start: s.start, end: s.end, reaction: 'crash',
        message: `\`${key.value}=\` with no entry makes xl crash (its list splitter reads an entry that does not exist). Give at least one value.`,
      });
    }
    return parts;
  };
  switch (key.value) {
    case 'pnode':
    case 'size': {
      const n = number(v);
      if ('code' in n) return stop(n);
      spec[key.value] = n;
      break;
    }
    case 'vcpus': {
      const parts = list(v);
      if ('code' in parts) return stop(parts);
      spec.vcpus = [];
      for (const p of parts) {
        const m = /^\s*\+?(\d+)(?:-\s*\+?(\d+))?$/.exec(p.value);
        if (!m || (m[2] !== undefined && BigInt(m[2]) < BigInt(m[1]))) {
          problems.push(problem({
            code: 'vnuma-vcpus-range-invalid', start: p.start, end: p.end, reaction: 'silent',
            message: `\`${p.value}\` is not a vCPU number or range N-M; xl does not report it but still counts whatever numbers it could read, so the vCPU count and layout will not be what you meant.`,
          }));
          continue;
        }
        spec.vcpus.push({ from: BigInt(m[1]), to: BigInt(m[2] ?? m[1]), start: p.start, end: p.end });
      }
      break;
    }
    case 'vdistances': {
      const parts = list(v);
      if ('code' in parts) return stop(parts);
      spec.vdistances = [];
      for (const p of parts) {
        const n = number(p);
        if ('code' in n) return stop(n);
        spec.vdistances.push(n);
      }
      break;
    }
    default: {
      const guess = closest(key.value, KEYS);
      problems.push(problem({
        code: 'vnuma-option-unknown', start: key.start, end: key.end, reaction: 'silent',
        message: `xl ignores the unknown vNUMA option \`${key.value}\` without a message${guess ? `; did you mean \`${guess}\`?` : '.'}`,
        replacement: guess ? { title: `Change to \`${guess}\``, newText: guess, start: key.start, end: key.end } : undefined,
      }));
    }
  }
  return { spec, problems };
}
