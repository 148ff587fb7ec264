// A number outside the range xl or libxl accepts for the key, with what each does about it on
// the selected release: xl stops (altp2m_count, the grant limits, numeric tsc_mode/timer_mode/
// altp2m), libxl refuses the scheduler weight or cap, or xl quietly changes the value (vcpus < 1).

import type { Rule, RuleFinding } from '../rule';
import type { Severity } from '../../findings';
import type { RuleContext } from '../context';
import { keyExistsIn } from '../../catalog';
import { xenAtLeast } from '../../xen-version';
import { factsOf } from './catalog-index';
import { describeExit, guestTypeOf, xlExitAt } from './support';

interface Bound {
  min?: bigint;
  max?: bigint | ((ctx: RuleContext) => bigint);
  /** Values outside the range that still mean something (libxl's "use the default" -1). */
  allowed?: bigint;
  /** What happens outside the bounds, on `release`, and how bad it is. */
  outcome(value: bigint, release: string): { severity: Severity; text: string };
}

const fatal = (text: string) => ({ severity: 'error' as Severity, text: `\`xl create\` stops with \`${text}\` and the domain is not created` });
const negativeMemory = {
  severity: 'error' as Severity,
  text: 'xl accepts it, multiplies it by 1024 and hands libxl a negative size that libxl reads as an enormous unsigned one, so the host cannot provide the memory and the domain is not created',
};
const silentExit = { severity: 'error' as Severity, text: '`xl create` exits with status 1 without any message and the domain is not created' };

// Keys whose numeric form is 0..3 (libxl enum values); names are checked by invalid-enum-value.
const numericEnum = (key: string): Bound => ({ min: 0n, max: 3n, outcome: (v) => fatal(`ERROR: invalid value ${v} for "${key}"`) });

const BOUNDS: Record<string, Bound> = {
  tsc_mode: numericEnum('tsc_mode'),
  timer_mode: numericEnum('timer_mode'),
  altp2m: numericEnum('altp2m'),
  altp2m_count: { min: 0n, max: 65535n, outcome: (v) => fatal(`ERROR: invalid value ${v} for "altp2m_count"`) },
  max_grant_frames: { min: 0n, max: 2147483647n, outcome: () => silentExit },
  max_maptrack_frames: { min: 0n, max: 2147483647n, outcome: () => silentExit },
  max_grant_version: { min: 0n, max: 2147483647n, outcome: () => silentExit },
  // libxl_sched.c checks both when it applies the scheduler parameters after building the domain.
  cpu_weight: {
    min: 1n,
    max: 65535n,
    allowed: -1n,
    outcome: () => ({
      severity: 'error',
      text: 'xl passes it on, and libxl refuses it when it sets the credit/credit2 scheduler parameters ("Cpu weight out of range"), so the domain is not created',
    }),
  },
  cap: {
    min: 0n,
    max: (ctx) => {
      const n = ctx.view.long('maxvcpus') ?? ctx.view.long('vcpus');
      return (n && n.value > 0n ? n.value : 1n) * 100n;
    },
    allowed: -1n,
    outcome: () => ({
      severity: 'error',
      text: 'libxl refuses it when it sets the credit/credit2 scheduler parameters ("Cpu cap out of range": at most 100 per vCPU), so the domain is not created',
    }),
  },
  // xl multiplies by 1024 into libxl's unsigned KiB fields without a check, so a negative size
  // becomes an enormous one (catalog note on memory).
  memory: { min: 0n, outcome: () => negativeMemory },
  maxmem: { min: 0n, outcome: () => negativeMemory },
  nr_spis: {
    max: 960n,
    // An Arm key: x86 libxl never looks at it.
    outcome: () => ({ severity: 'warning', text: 'on an Arm host libxl refuses more SPIs than the virtual GIC supports (960, or 5088 when the GIC has extended SPIs) and the domain is not created; x86 hosts ignore the key' }),
  },
  vcpus: {
    min: 1n,
    outcome: (_v, release) =>
      xenAtLeast(release, '4.22')
        ? { severity: 'warning', text: 'xl treats a value below 1 as 1, so the guest starts with one vCPU' }
        : { severity: 'error', text: 'xl builds a configuration without any online vCPU and libxl fails to start the guest' },
  },
};

type KeyedFinding = RuleFinding & { key: string };

/** The findings of this check, computed once per run (the xl-message checks skip what it explains). */
export function rangeProblems(ctx: RuleContext): KeyedFinding[] {
  return ctx.memo('keys:range-problems', compute);
}

export const valueOutOfRange: Rule = {
  slug: 'value-out-of-range',
  defaultSeverity: 'error',
  description: 'A number outside the range xl or libxl accepts for the key.',
  check: (ctx) => rangeProblems(ctx).map(({ key: _key, ...f }) => f),
};

function compute(ctx: RuleContext): KeyedFinding[] {
    const type = guestTypeOf(ctx);
    const out: KeyedFinding[] = [];
    for (const [key, b] of Object.entries(BOUNDS)) {
      const n = ctx.view.long(key);
      if (!n) continue;
      const f = factsOf(key)!;
      if (!keyExistsIn(f.entry, ctx.xenVersion) || (type && !f.entry.readFor.includes(type))) continue;
      const max = typeof b.max === 'function' ? b.max(ctx) : b.max;
      if (n.value === b.allowed) continue;
      if ((b.min === undefined || n.value >= b.min) && (max === undefined || n.value <= max)) continue;
      const range = b.min !== undefined && max !== undefined ? `${b.min}–${max}` : b.min !== undefined ? `at least ${b.min}` : `at most ${max}`;
      const exit = xlExitAt(ctx, key, n);
      const o = exit ? { severity: 'error' as Severity, text: describeExit(exit) } : b.outcome(n.value, ctx.xenVersion);
      out.push({
        key,
        start: n.start,
        end: n.end,
        severity: o.severity,
        message: `\`${key}\` = ${n.value} is ${b.min !== undefined && n.value < b.min ? `below ${b.min}` : `above ${max}`}: ${o.text} (Xen ${ctx.xenVersion}). Use ${range.startsWith('at ') ? `a value of ${range}` : `a value in ${range}`}${b.allowed !== undefined ? ` (or ${b.allowed} for the default)` : ''}.`,
      });
    }
    return out;
}
