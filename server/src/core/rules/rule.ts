// One check = one Rule in its own file. A rule reads the parsed config, the ConfigView and the
// derived analyses (through RuleContext.memo), never the text again, and returns findings.

import type { Finding, Severity } from '../findings';
import type { RuleContext } from './context';

/** A finding as a rule returns it: code and severity default to the rule's own. */
export type RuleFinding = Omit<Finding, 'code' | 'severity'> & { code?: string; severity?: Severity };

export interface Rule {
  /** Stable, kebab-case; the `code` of its diagnostics and the key of the user's severity setting. */
  slug: string;
  defaultSeverity: Severity;
  /** One line: what the rule looks for (shown in docs and settings). */
  description: string;
  check(ctx: RuleContext): RuleFinding[];
}
