// Checks each `xenstore_quota` element (name=value, a 32-bit number) the way xl 4.22 reads it.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const xenstoreQuotaSpecRule: Rule = {
  slug: 'xenstore-quota-spec',
  defaultSeverity: 'error',
  description: "Checks each `xenstore_quota` element (name=value, a 32-bit number) the way xl 4.22 reads it.",
  check: (ctx) => specFindings(ctx, 'xenstore_quota'),
};
