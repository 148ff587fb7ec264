// Checks `mca_caps` (HVM only): every element must be `lmce`.
import type { Rule } from '../rule';
import { isHvm } from './guest';
import { specFindings } from './support';

export const mcaCapsSpecRule: Rule = {
  slug: 'mca-caps-spec',
  defaultSeverity: 'error',
  description: 'Checks each `mca_caps` element (HVM): the only capability is lmce.',
  check: (ctx) => (isHvm(ctx) ? specFindings(ctx, 'mca_caps') : []),
};
