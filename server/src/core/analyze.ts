// The whole pipeline for one document: syntax → ConfigView → rules → findings.
// Pure: the adapters supply the text, the settings and the host profile.

import type { Finding, Severity } from './findings';
import { parseConfig, type ParsedConfig } from './syntax/parse';
import { ConfigView } from './model/config-view';
import { RuleContext, type AnalysisEnvironment } from './rules/context';
import { allRules } from './rules';
import { NEWEST_XEN } from './xen-version';

/** Per-rule severity overrides from the user's settings; 'off' silences a rule. */
export type SeverityOverrides = Record<string, Severity | 'off'>;

export interface AnalysisOptions extends Partial<AnalysisEnvironment> {
  severities?: SeverityOverrides;
}

export interface Analysis {
  parsed: ParsedConfig;
  view: ConfigView;
  context: RuleContext;
  findings: Finding[];
}

export function analyze(input: string | Uint8Array, options: AnalysisOptions = {}): Analysis {
  const parsed = parseConfig(input);
  const view = new ConfigView(parsed.settings);
  const env: AnalysisEnvironment = { ...options, xenVersion: options.xenVersion ?? NEWEST_XEN };
  const context = new RuleContext(parsed, view, env);
  const findings: Finding[] = [];
  const overrides = options.severities ?? {};
  for (const rule of allRules) {
    const ruleOverride = overrides[rule.slug];
    if (ruleOverride === 'off') continue;
    let produced;
    try {
      produced = rule.check(context);
    } catch (e) {
      // A failing check must never take the others (or the editor) down with it.
      findings.push({
        start: 0,
        end: 0,
        code: 'internal-error',
        severity: 'information',
        message: `xlcfg: the check \`${rule.slug}\` failed on this file (${(e as Error).message}); please report it.`,
      });
      continue;
    }
    for (const f of produced) {
      const code = f.code ?? rule.slug;
      const override = overrides[code];
      if (override === 'off') continue;
      findings.push({ ...f, code, severity: override ?? ruleOverride ?? f.severity ?? rule.defaultSeverity });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { parsed, view, context, findings };
}
