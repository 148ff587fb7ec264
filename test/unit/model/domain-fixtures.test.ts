// The domain model on our own fixtures: test/fixtures/model/<name>.cfg (first line
// `# xen: X.Y` picks the release) beside <name>.expected.json: the guest type decision, xl's
// stderr and exit status, the keys it ignores, the JSON `xl -N create` prints, the same with libxl's defaults,
// and where each value came from (`path: key: source text`). XLCFG_UPDATE=1 rewrites the
// expectations from the current model; review the diff.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseConfig } from '../../../server/src/core/syntax/parse';
import { ConfigView } from '../../../server/src/core/model/config-view';
import { buildDomain, libxlJsonToPlain, toLibxlJson } from '../../../server/src/core/model/domain';
import { stderrLines } from '../../../server/src/core/model/domain/xl-reader';
import { parseXenVersion, NEWEST_XEN } from '../../../server/src/core/xen-version';
import { fixturesDir } from '../../fuzz/support/paths';

const dir = fixturesDir('model');
const names = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.cfg'))
  .map((f) => f.slice(0, -4))
  .sort();

function describe(text: string) {
  const release = parseXenVersion(/^# xen: (\S+)/.exec(text)?.[1]) ?? NEWEST_XEN;
  const parsed = parseConfig(text);
  assert.ok(parsed.ok, 'fixture configs must parse');
  const model = buildDomain(new ConfigView(parsed.settings), release, { sourceName: 'fixture.cfg', text: parsed.text });
  const sources: Record<string, string> = {};
  for (const [p, s] of [...model.sources.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    sources[p] = `${s.key}: ${text.slice(s.start, s.end)}`;
  }
  return {
    release,
    guestType: model.guestType.type,
    decidedBy: model.guestType.decidedBy,
    exitStatus: model.exit ? model.exit.exitCode : 0,
    stderr: stderrLines(model.messages),
    // Keys the file sets that xl never looks up (other guest type, unknown, too new).
    ignoredKeys: parsed.settings.map((x) => x.name).filter((k, i, a) => a.indexOf(k) === i && !model.keysRead.has(k)),
    unmodelled: model.unmodelled,
    json: model.exit ? null : libxlJsonToPlain(toLibxlJson(model, release)),
    withDefaults: model.exit ? null : libxlJsonToPlain(toLibxlJson(model, release, { defaults: true })),
    sources,
  };
}

test('there are model fixtures', () => assert.ok(names.length >= 10));

for (const name of names) {
  test(`model fixture: ${name}`, () => {
    const text = fs.readFileSync(path.join(dir, `${name}.cfg`), 'utf8');
    const actual = describe(text);
    const expectedFile = path.join(dir, `${name}.expected.json`);
    if (process.env.XLCFG_UPDATE === '1') {
      fs.writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
      return;
    }
    assert.ok(fs.existsSync(expectedFile), `${name}.expected.json is missing (run with XLCFG_UPDATE=1)`);
    assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(fs.readFileSync(expectedFile, 'utf8')));
  });
}
