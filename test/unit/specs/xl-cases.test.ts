// What Xen 4.22's real `xl -N create` did with configs that exercise spec strings
// (test/fixtures/specs/xl-4.22-spec-cases.json, recorded from the reference conformance
// set) against what our spec parsers say about the same strings:
//   - a crash, an exit or a clean run of xl must be predicted by our problems' reactions;
//   - every message we attribute to xl must be one xl printed, and every line xl printed
//     must be one of ours, unless the case says why it is not a spec-level matter.
// Cases whose keys have no spec parser yet are skipped by name.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../server/src/core/syntax/parse';
import { ConfigView } from '../../../server/src/core/model/config-view';
import { RuleContext } from '../../../server/src/core/rules/context';
import { parsedSpecs } from '../../../server/src/core/rules/specs/support';
import { listProblems } from '../../../server/src/core/rules/specs/list-problems';
import { specLanguageFor } from '../../../server/src/core/specs';
import type { SpecProblem } from '../../../server/src/core/specs/types';
import { readJson, specFixture } from './support';

interface XlCase {
  id: string;
  keys: string[];
  config: string;
  exitStatus: number | null;
  crashSignal: number | null;
  stderr: string[];
  /** Why xl's outcome does not follow from the spec strings alone (host facts, other keys). */
  notSpecLevel?: string;
}

const fixture = readJson<{ xen: '4.22'; cases: XlCase[] }>(specFixture('xl-4.22-spec-cases.json'));

test('the recorded xl cases are there', () => {
  assert.ok(fixture.cases.length >= 150, `only ${fixture.cases.length} cases`);
});

/** Getter warnings and the like come from the config layer, not from a spec parser. */
function isConfigLayerLine(line: string): boolean {
  return /^test\.cfg:\d+(:\d+)?: warning: /.test(line);
}

/** The problems of each spec item up to the first item xl exits or crashes on. */
function untilFatal(perItem: SpecProblem[][]): SpecProblem[] {
  const i = perItem.findIndex((ps) => ps.some((p) => p.reaction === 'fatal' || p.reaction === 'crash'));
  return (i < 0 ? perItem : perItem.slice(0, i + 1)).flat();
}

for (const c of fixture.cases) {
  const missing = c.keys.filter((k) => !specLanguageFor(k));
  test(`xl 4.22 case ${c.id}`, { skip: missing.length ? `no spec parser yet for ${missing.join(', ')}` : false }, () => {
    const parsed = parseConfig(c.config);
    const ctx = new RuleContext(parsed, new ConfigView(parsed.settings), { xenVersion: fixture.xen });
    // xl stops at the first fatal problem of a key, so it never prints the later ones.
    const problems: SpecProblem[] = c.keys.flatMap((k) => untilFatal(parsedSpecs(ctx, k).map((i) => i.result.problems)));
    const lists = c.keys.flatMap((k) => listProblems(ctx, k));
    const fatal: Array<{ exitStatus?: number }> = [...problems.filter((p) => p.reaction === 'fatal'), ...lists.filter((p) => p.reaction === 'fatal')];
    const crash = [...problems, ...lists].filter((p) => p.reaction === 'crash');
    const ours = [
      ...problems.flatMap((p) => (p.xenMessage ? p.xenMessage.replace(/^config parsing error/, 'test.cfg: config parsing error').split('\n') : [])),
      ...lists.flatMap((p) => p.xenMessages.map((m) => (/^\d+:\d+: /.test(m) ? `test.cfg:${m}` : m))),
    ];
    const describe = `ours: ${JSON.stringify([...problems, ...lists].map((p) => `${p.code}/${p.reaction}`))}, xl: exit ${c.exitStatus} signal ${c.crashSignal} ${JSON.stringify(c.stderr)}`;

    if (c.crashSignal !== null) {
      assert.ok(crash.length > 0 || c.notSpecLevel, `xl crashed; we predict no crash (${describe})`);
    } else if (c.exitStatus === 0) {
      assert.equal(fatal.length + crash.length, 0, `xl accepted the config; we predict failure (${describe})`);
    } else if (!c.notSpecLevel) {
      assert.ok(fatal.some((p) => p.exitStatus === c.exitStatus), `xl exited ${c.exitStatus}; we predict no such exit (${describe})`);
    }
    for (const m of ours) assert.ok(c.stderr.includes(m), `we say xl prints ${JSON.stringify(m)}, xl did not (${describe})`);
    if (!c.notSpecLevel) {
      for (const line of c.stderr) {
        if (isConfigLayerLine(line)) continue;
        assert.ok(ours.includes(line), `xl printed ${JSON.stringify(line)}; we do not predict it (${describe})`);
      }
    }
  });
}
