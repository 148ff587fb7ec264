// The layout of the document a rule is checking, computed once per analysis run and shared by
// every layout rule, hover and code lens through RuleContext.memo.

import type { RuleContext } from '../rules/context';
import type { HostProfile } from '../host-profile/schema';
import { computeLayout } from './compute';
import { buildLayoutInput } from './input';
import type { LayoutInput, LayoutResult } from './types';

function hostProfileOf(ctx: RuleContext): HostProfile | undefined {
  const p = ctx.env.hostProfile as HostProfile | undefined;
  return p && Array.isArray(p.pciDevices) && Array.isArray(p.rmrrs) ? p : undefined;
}

export function layoutInputOf(ctx: RuleContext): LayoutInput {
  return ctx.memo('layout-input', (c) =>
    buildLayoutInput(c.view, {
      xen: c.xenVersion,
      xenWhy: 'the release chosen for this analysis',
      host: hostProfileOf(c),
      hostSource: c.env.hostProfileSource,
    }),
  );
}

export function layoutOf(ctx: RuleContext): LayoutResult {
  return ctx.memo('layout', (c) => computeLayout(layoutInputOf(c)));
}
