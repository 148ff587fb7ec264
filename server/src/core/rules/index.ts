// Every check xlcfg runs, grouped by the stage of the pipeline whose output it reads.
import type { Rule } from './rule';
import { syntaxRules } from './syntax';
import { keysRules } from './keys';
import { specsRules } from './specs';
import { layoutRules } from './layout';
import { deviceModelRules } from './device-model';

export const allRules: readonly Rule[] = [...syntaxRules, ...keysRules, ...specsRules, ...layoutRules, ...deviceModelRules];

export function ruleBySlug(slug: string): Rule | undefined {
  return allRules.find((r) => r.slug === slug);
}
