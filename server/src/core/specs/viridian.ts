// `viridian` (HVM): a boolean, or a list of Hyper-V enlightenment groups. Each element is a
// group name (any case) to enable, `!name` to disable it, or the specials `all` and
// `defaults` (exact case, and they cannot be negated). An unknown name makes xl exit with
// status 3. A non-numeric scalar (viridian="yes") is silently ignored.

import { parse } from '../../generated/spec-viridian';
import { compareXen, NEWEST_XEN, type XenVersion } from '../xen-version';
import { xlStrtol } from '../model/strtol';
import { runTotal, type GeneratedParse } from './peg';
import { closest, problem } from './problems';
import { fatal } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

const GROUPS_4_13 = ['base', 'freq', 'time_ref_count', 'reference_tsc', 'hcall_remote_tlb_flush', 'apic_assist', 'crash_ctl', 'synic', 'stimer', 'hcall_ipi'];
const GROUPS_4_15 = [...GROUPS_4_13, 'ex_processor_masks', 'no_vp_limit', 'cpu_hotplug'];

export function viridianGroups(version: XenVersion): string[] {
  return compareXen(version, '4.15') >= 0 ? GROUPS_4_15 : GROUPS_4_13;
}

export interface ViridianItemSpec {
  /** A group name (lower case), or 'all' / 'defaults'. */
  name?: SpecField<string>;
  disable: boolean;
  /** For the scalar form: the boolean xl reads, if it reads one. */
  enabled?: boolean;
  accepted: boolean;
}

export interface ViridianParseOptions extends SpecParseOptions {
  /** The value is a single string (xl then reads it as a boolean), not a list element. */
  scalar?: boolean;
}

export function parseViridianSpec(text: string, options: ViridianParseOptions = {}): SpecParseResult<ViridianItemSpec> {
  const version = options.xenVersion ?? NEWEST_XEN;
  const problems: SpecProblem[] = [];
  if (options.scalar) {
    const n = xlStrtol(text);
    if (!n.ok) {
      problems.push(problem({
        code: 'viridian-not-boolean', start: 0, end: text.length, reaction: 'silent',
        message: `\`viridian="${text}"\` is neither a number nor a list, so xl ignores it without a message and the guest keeps the default enlightenments. Write 1, 0 or a list such as ["defaults"].`,
      }));
      return { spec: { disable: false, accepted: true }, problems };
    }
    return { spec: { disable: false, enabled: n.value !== 0n, accepted: true }, problems };
  }
  const g = runTotal<{ disable: boolean; name: { value: string; start: number; end: number } }>(parse as GeneratedParse, text, 'Item', {
    disable: false,
    name: { value: text, start: 0, end: text.length },
  });
  const spec: ViridianItemSpec = { disable: g.disable, accepted: true };
  if (!g.disable && (text === 'all' || text === 'defaults')) {
    spec.name = { value: text, start: 0, end: text.length };
    return { spec, problems };
  }
  const groups = viridianGroups(version);
  const lower = g.name.value.toLowerCase();
  if (groups.includes(lower)) {
    spec.name = { value: lower, start: g.name.start, end: g.name.end };
    return { spec, problems };
  }
  spec.accepted = false;
  const newer = GROUPS_4_15.includes(lower) ? ` (\`${lower}\` exists only from Xen 4.15; this is Xen ${version})` : '';
  const special = ['all', 'defaults'].includes(lower)
    ? g.disable
      ? ` (\`${lower}\` cannot be negated)`
      : ` (write \`${lower}\` in lower case)`
    : '';
  const guess = newer || special ? undefined : closest(g.name.value, [...groups, 'all', 'defaults']);
  problems.push(fatal(g.name.start, g.name.end, 'viridian-group-unknown', `xl: unknown viridian enlightenment '${g.name.value}'`,
    `Unknown viridian enlightenment \`${g.name.value}\`${newer}${special}${guess ? `; did you mean \`${guess}\`?` : ''}`, 3,
    guess ? { title: `Change to \`${guess}\``, newText: guess, start: g.name.start, end: g.name.end } : undefined));
  return { spec, problems };
}
