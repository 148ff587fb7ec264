// Checks `viridian` (HVM only: xl does not read it for PV and PVH guests): each list element
// as a Hyper-V enlightenment group, or the scalar as a boolean.
import type { Rule } from '../rule';
import { isHvm } from './guest';
import { specFindings } from './support';

export const viridianSpecRule: Rule = {
  slug: 'viridian-spec',
  defaultSeverity: 'error',
  description: 'Checks the `viridian` enlightenment groups (per release) or its boolean form, for HVM guests.',
  check: (ctx) => (isHvm(ctx) ? specFindings(ctx, 'viridian') : []),
};
