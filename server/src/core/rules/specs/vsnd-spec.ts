// Checks `vsnd = [ [ "CARD, ...", "PCM, ...", "STREAM, ..." ], ... ]`: each item string as
// xl's parse_vsnd_item reads it, and each card being a list (xl exits otherwise).
import type { Rule } from '../rule';
import { specFindings } from './support';

export const vsndSpecRule: Rule = {
  slug: 'vsnd-spec',
  defaultSeverity: 'error',
  description: 'Checks each `vsnd` card (a list) and its CARD/PCM/STREAM item strings the way xl reads them.',
  check: (ctx) => specFindings(ctx, 'vsnd'),
};
