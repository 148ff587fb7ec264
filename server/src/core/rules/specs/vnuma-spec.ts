// Checks `vnuma = [ [ "pnode=0", "size=512", "vcpus=0-1", "vdistances=10,20" ], ... ]`:
// each option string, each node being a list, and distance lists that do not have one
// entry per node.
import type { Rule, RuleFinding } from '../rule';
import type { RuleContext } from '../context';
import type { VnumaOptionSpec } from '../../specs/vnuma';
import { itemRange, parsedSpecs, specFindings } from './support';

export const vnumaSpecRule: Rule = {
  slug: 'vnuma-spec',
  defaultSeverity: 'error',
  description: 'Checks each `vnuma` node (a list of key=value options) the way xl reads it.',
  check(ctx) {
    const out: RuleFinding[] = specFindings(ctx, 'vnuma');
    const s = ctx.view.setting('vnuma');
    const v = s && (s.accumulated ?? s.value);
    if (!v || v.kind !== 'list' || v.items.some((n) => n.kind !== 'list')) return out;
    const nodes = v.items.length;
    for (const item of parsedSpecs<VnumaOptionSpec>(ctx, 'vnuma')) {
      const d = item.result.spec.vdistances;
      if (d && d.length !== nodes) {
        const r = itemRange(ctx, item, 0, item.text.length);
        out.push({
          ...r,
          code: 'vnuma-vdistances-count',
          severity: d.length > nodes ? 'error' : 'warning',
          message:
            d.length > nodes
              ? `\`vdistances\` has ${d.length} entries but there are ${nodes} vNUMA nodes: xl writes the extra distances past the end of its table (memory corruption, all releases). Give one distance per node.`
              : `\`vdistances\` has ${d.length} entries but there are ${nodes} vNUMA nodes: the missing distances are 0. Give one distance per node.`,
        });
      }
    }
    out.push(...crossChecks(ctx));
    return out;
  },
};

/**
 * xl adds up the vCPUs and sizes of all nodes and compares them with maxvcpus= and maxmem=
 * when those are given (the comparison with the host's CPU count is a host fact, not made).
 */
function crossChecks(ctx: RuleContext): RuleFinding[] {
  const items = parsedSpecs<VnumaOptionSpec>(ctx, 'vnuma');
  if (items.length === 0 || items.some((i) => i.result.problems.some((p) => p.reaction === 'fatal' || p.reaction === 'crash'))) return [];
  let vcpus = 0n;
  let sizeMiB = 0n;
  for (const i of items) {
    for (const r of i.result.spec.vcpus ?? []) vcpus += r.to - r.from + 1n;
    if (i.result.spec.size) sizeMiB += i.result.spec.size.value;
  }
  const out: RuleFinding[] = [];
  const s = ctx.view.setting('vnuma')!;
  const maxvcpus = ctx.view.long('maxvcpus');
  if (maxvcpus && maxvcpus.value !== 0n && maxvcpus.value !== vcpus) {
    out.push({
      start: maxvcpus.start,
      end: maxvcpus.end,
      code: 'vnuma-vcpus-mismatch',
      severity: 'error',
      message:
        `maxvcpus is ${maxvcpus.value} but the vNUMA nodes list ${vcpus} vCPUs: \`xl create\` stops with exit status 1 and the domain is not created ` +
        `(all releases). Make them agree. xl says: xl: vnuma vcpus and maxvcpus= mismatch`,
      related: [{ start: s.value.start, end: s.value.end, message: `the vNUMA nodes list ${vcpus} vCPUs` }],
    });
  }
  const maxmem = ctx.view.long('maxmem');
  if (maxmem && maxmem.value * 1024n !== sizeMiB * 1024n) {
    out.push({
      start: maxmem.start,
      end: maxmem.end,
      code: 'vnuma-memory-mismatch',
      severity: 'error',
      message:
        `maxmem is ${maxmem.value} MiB but the vNUMA node sizes add up to ${sizeMiB} MiB: \`xl create\` stops with exit status 1 and the domain is not created ` +
        `(all releases). Make them agree. xl says: xl: maxmem and vnuma memory size mismatch`,
      related: [{ start: s.value.start, end: s.value.end, message: `the vNUMA node sizes add up to ${sizeMiB} MiB` }],
    });
  }
  return out;
}
