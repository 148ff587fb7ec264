// CPULIST, the language of `cpus` (hard affinity) and `cpus_soft` (soft affinity), as xl's
// parse_cpurange/update_cpumap_range read it. Items apply left to right; the first bad one
// makes xl exit with status 1. Which CPUs and nodes exist is a host fact, so CPUs beyond the
// host (silently dropped by xl) are not judged here.

import { parse as parseCpusGrammar } from '../../generated/spec-cpus';
import { cStrtoul } from './cnum';
import { runTotal, type GeneratedParse } from './peg';
import { problem, xlExits } from './problems';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

const grammar = parseCpusGrammar as GeneratedParse;
const ULONG_MAX = (1n << 64n) - 1n;

export interface CpuListItem {
  /** `^`: remove these CPUs (or nodes) instead of adding them. */
  negate: boolean;
  /** `node:`/`nodes:`: the numbers are NUMA nodes. */
  nodes: boolean;
  /** `all` (every CPU), else a range. */
  all: boolean;
  from?: SpecField<bigint>;
  to?: SpecField<bigint>;
  start: number;
  end: number;
}

export interface CpusSpec {
  items: CpuListItem[];
  accepted: boolean;
}

export interface CpusParseOptions extends SpecParseOptions {
  /** `cpus` (hard affinity: an empty set stops xl) or `cpus_soft`. */
  affinity?: 'hard' | 'soft';
}

interface GItem {
  start: number;
  end: number;
  negate: boolean;
  nodes: boolean;
  body: { value: string; start: number; end: number };
}

type Range = { ok: true; from: SpecField<bigint>; to: SpecField<bigint> } | { ok: false; at: number; why: string };

/** xl's parse_range: decimal N or N-M (M >= N), nothing after. */
function parseRange(s: string, offset: number): Range {
  const a = cStrtoul(s, 10);
  if (!a.read || a.value === ULONG_MAX) return { ok: false, at: 0, why: a.read ? 'the number is too large' : 'it does not start with a decimal CPU number' };
  const from = { value: a.value, start: offset, end: offset + a.end };
  let to = from;
  let end = a.end;
  if (s[end] === '-') {
    const b = cStrtoul(s, 10, end + 1);
    if (!b.read || b.value === ULONG_MAX) return { ok: false, at: end + 1, why: 'no decimal number after `-`' };
    if (b.value < a.value) return { ok: false, at: end + 1, why: `the range ends (${b.value}) before it starts (${a.value})` };
    to = { value: b.value, start: offset + end + 1, end: offset + b.end };
    end = b.end;
  }
  if (end !== s.length) return { ok: false, at: end, why: `\`${s.slice(end)}\` follows the number` };
  return { ok: true, from, to };
}

export function parseCpusSpec(text: string, options: CpusParseOptions = {}): SpecParseResult<CpusSpec> {
  const items = runTotal<GItem[]>(grammar, text, 'Spec', []);
  const spec: CpusSpec = { items: [], accepted: true };
  const problems: SpecProblem[] = [];
  const fatal = (start: number, end: number, code: string, xenMessage: string, why: string, replacement?: SpecProblem['replacement']) => {
    spec.accepted = false;
    problems.push(problem({ code, start, end, reaction: 'fatal', exitStatus: 1, xenMessage, message: `${why}: ${xlExits(1)}.`, replacement }));
  };

  for (const it of items) {
    const body = it.body.value;
    if (body === 'all') {
      if (it.negate) {
        fatal(it.start, it.end, 'cpus-negated-all', 'Can\'t combine "^" and "all".', '`^all` would remove every CPU; xl refuses it');
        break;
      }
      spec.items.push({ negate: false, nodes: it.nodes, all: true, start: it.start, end: it.end });
      continue;
    }
    const r = parseRange(body, it.body.start);
    if (!r.ok) {
      const lead = /^\s+/.exec(text.slice(it.start, it.end));
      const blank = lead && lead[0].length > 0 && !/^\s+\d+(-\d+)?$/.test(text.slice(it.start, it.end));
      const trailing = /\S\s+$/.test(body);
      const why = blank
        ? `\`${text.slice(it.start, it.end)}\` starts with a blank, which xl keeps (only a plain number tolerates it)`
        : trailing
          ? `\`${text.slice(it.start, it.end)}\` ends with a blank, which xl does not accept`
          : `\`${text.slice(it.start, it.end)}\` is not a CPU number, range N-M, or \`all\` (optionally with \`^\` and \`node:\`): ${r.why}`;
      let replacement: SpecProblem['replacement'];
      if (blank || trailing) {
        const trimmed = text.slice(it.start, it.end).trim();
        replacement = { title: 'Remove the blanks', newText: trimmed, start: it.start, end: it.end };
      }
      fatal(it.start, it.end, 'cpus-range-invalid', `Invalid pcpu range: ${body}.`, why, replacement);
      break;
    }
    spec.items.push({ negate: it.negate, nodes: it.nodes, all: false, from: r.from, to: r.to, start: it.start, end: it.end });
  }
  if (spec.accepted && (options.affinity ?? 'hard') === 'hard' && !spec.items.some((i) => !i.negate)) {
    fatal(0, text.length, 'cpus-empty', 'vcpu hard affinity map is empty',
      text.trim() === '' ? 'An empty CPU list pins the vCPUs to no CPU at all' : 'This list only removes CPUs, so no CPU is left for the vCPUs');
  }
  return { spec, problems };
}
