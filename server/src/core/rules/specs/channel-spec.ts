// Checks each `channel` spec string the way xl reads it: known options, values, and what makes xl exit, warn or crash.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const channelSpecRule: Rule = {
  slug: 'channel-spec',
  defaultSeverity: 'error',
  description: "Checks each `channel` spec string the way xl reads it: known options, values, and what makes xl exit, warn or crash.",
  check: (ctx) => specFindings(ctx, 'channel'),
};
