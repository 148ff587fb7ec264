// Layout conditions under which Xen refuses to create or boot the guest and that no more
// specific rule reports: passthrough switched off with devices, PVH with passthrough, PoD with
// vNUMA, an `rdm_mem_boundary` that pushes low RAM under 1 MiB, low RAM under 2 MiB.

import type { Rule, RuleFinding } from '../rule';
import { anchor, layoutOf, regresses, removeKey } from './support';

const WHERE: Record<string, string[]> = {
  'passthrough-disabled-with-pci': ['passthrough', 'pci'],
  'pvh-passthrough': ['pci', 'type'],
  'pod-with-vnuma': ['maxmem', 'vnuma', 'memory'],
  'rdm-boundary-below-legacy-rmrr': ['rdm_mem_boundary'],
  'low-ram-too-small': ['memory', 'maxmem'],
};

const WHAT: Record<string, (v: string) => string> = {
  'passthrough-disabled-with-pci': (v) => `libxl refuses the guest: "passthrough disabled but devices are specified" (Xen 4.13 and later; checked for ${v}). Remove \`passthrough="disabled"\` or the \`pci\` devices.`,
  'pvh-passthrough': (v) => `libxl refuses the guest: "passthrough not yet supported for x86 PVH guests" (every release up to ${v}). Use \`type="hvm"\` to pass devices through.`,
  'pod-with-vnuma': (v) => `\`memory\` < \`maxmem\` turns populate-on-demand on, and libxl refuses PoD together with vNUMA: "Cannot enable PoD and vNUMA at the same time" (Xen 4.6 and later; checked for ${v}). Set \`maxmem\` equal to \`memory\`.`,
  'rdm-boundary-below-legacy-rmrr': (v) => `Xen ${v}: `,
  'low-ram-too-small': (v) => `hvmloader stops the guest at boot (Xen ${v}): `,
};

export const guestCreationFails: Rule = {
  slug: 'guest-creation-fails',
  defaultSeverity: 'error',
  description: 'The memory layout makes Xen refuse to create or boot the guest (cases no other check covers).',
  check(ctx) {
    const layout = layoutOf(ctx);
    const out: RuleFinding[] = [];
    for (const p of layout.problems) {
      if (!p.fatal || !(p.code in WHERE)) continue;
      // Low RAM under 2 MiB is the consequence of the boundary problem when both are present.
      if (p.code === 'low-ram-too-small' && layout.problems.some((q) => q.code === 'rdm-boundary-below-legacy-rmrr')) continue;
      const text = p.code === 'rdm-boundary-below-legacy-rmrr' || p.code === 'low-ram-too-small' ? WHAT[p.code](ctx.xenVersion) + p.message + '.' : WHAT[p.code](ctx.xenVersion);
      out.push({
        ...anchor(ctx, ...WHERE[p.code]),
        code: p.code,
        message: text,
        fixes:
          p.code === 'rdm-boundary-below-legacy-rmrr' && !regresses(ctx, { rdmMemBoundary: undefined }, ['rdm-boundary-below-legacy-rmrr', 'low-ram-too-small'])
            ? [{ title: 'Remove rdm_mem_boundary (libxl then uses 2048 MiB)', edits: removeKey(ctx.parsed.text, ctx.view, 'rdm_mem_boundary'), isPreferred: true }]
            : undefined,
      });
    }
    return out;
  },
};
