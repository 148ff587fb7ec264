// The values xl's typed getters refuse (libxlutil: a list where one value is read, one value
// where a list is read, `+=` on a number, a string that is not a whole C number), computed once
// per run for the four rules that report them, and what xl does next: print the getter's
// warning (unless it reads the key quietly), then ignore the key, or exit for a few keys.

import type { OffsetRange } from '../../findings';
import type { RuleContext } from '../context';
import type { GetterProblem } from '../../model/config-view';
import type { Setting } from '../../syntax/tree';
import { keyExistsIn } from '../../catalog';
import { specLanguageFor } from '../../specs';
import { factsOf, type KeyFacts } from './catalog-index';
import { describeExit, guestTypeOf, xlExitAt } from './support';

export interface GetterFinding extends OffsetRange {
  key: string;
  problem: GetterProblem;
  setting: Setting;
  facts: KeyFacts;
  /** xl's warning (without `FILE:LINE: `), or undefined when xl reads the key quietly. */
  xlWarning?: string;
  /** xl stops: how, in words. */
  fatal?: string;
}

// Keys whose shape problems the spec checks explain (vnuma-not-list) or that are read both ways.
const SHAPE_EXPLAINED_ELSEWHERE = new Set(['vnuma', 'viridian']);

export function getterProblems(ctx: RuleContext): GetterFinding[] {
  return ctx.memo('keys:getter-problems', compute);
}

function compute(ctx: RuleContext): GetterFinding[] {
  const type = guestTypeOf(ctx);
  const out: GetterFinding[] = [];
  for (const name of ctx.view.names()) {
    const facts = factsOf(name);
    if (!facts || !keyExistsIn(facts.entry, ctx.xenVersion)) continue;
    // xl looks the key up only for the guest types it reads it for.
    if (type && !facts.entry.readFor.includes(type)) continue;
    if (SHAPE_EXPLAINED_ELSEWHERE.has(name)) continue;
    const read = facts.read;
    const as = read === 'long' || read === 'long-quiet' ? 'long' : read === 'string' || read === 'string-quiet' || read === 'long-or-string' ? 'string' : read === 'list' || read === 'list-quiet' ? 'list' : undefined;
    if (!as) continue;
    const issue = ctx.view.issue(name, as);
    if (!issue) continue;
    // tsc_mode and friends fall back to reading a name, so only a list is refused.
    if (read === 'long-or-string' && issue.problem !== 'list-not-scalar') continue;
    const quiet = read !== 'long' && read !== 'string' && read !== 'list';
    const f: GetterFinding = {
      key: name,
      problem: issue.problem,
      setting: issue.setting,
      start: issue.start,
      end: issue.end,
      facts,
      xlWarning: quiet ? undefined : issue.xenMessage,
    };
    const exit = xlExitAt(ctx, name, issue);
    if (exit) f.fatal = describeExit(exit);
    else if (issue.problem === 'scalar-not-list' && facts.fatalWhenScalar) f.fatal = `\`xl create\` then stops with \`${facts.fatalWhenScalar}\` and the domain is not created`;
    else if (issue.problem === 'list-not-scalar' && facts.fatalWhenList) f.fatal = `\`xl create\` then stops with \`${facts.fatalWhenList}\` and the domain is not created`;
    else if (as === 'long' && facts.fatalWhenInvalidNumber) f.fatal = '`xl create` then exits with status 1 without any message and the domain is not created';
    out.push(f);
  }
  return out;
}

/** "xl prints `…` and ignores `key`: the guest gets the default (…)" or the fatal outcome. */
export function consequence(f: GetterFinding, release: string): string {
  const said = f.xlWarning ? `xl prints \`${f.xlWarning}\`` : 'xl refuses the value without a warning';
  if (f.fatal) return `${said}; ${f.fatal} (Xen ${release})`;
  const d = f.facts.entry.default;
  const fallback = d ? `the guest gets the default (${d})` : 'as if the key were not there';
  return `${said} and ignores \`${f.key}\`: ${fallback} (all releases)`;
}

/** True when the key's values are spec strings that the spec checks parse. */
export function isSpecKey(name: string): boolean {
  return !!specLanguageFor(name);
}
