// Every worked example of the memory-model reference (and its corrections) as a fixture:
// reference.json holds the facts the reference states (written by hand from the document,
// never rewritten), expected.json the whole `xlcfg layout --json` output (rewritten with
// XLCFG_UPDATE=1; review the diff).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LAYOUT_FIXTURES, UPDATE, checkFacts, fixtureNames, runFixture } from './support';

for (const name of fixtureNames()) {
  test(`layout fixture ${name}`, () => {
    const dir = path.join(LAYOUT_FIXTURES, name);
    const { json } = runFixture(name);
    const refPath = path.join(dir, 'reference.json');
    if (fs.existsSync(refPath)) {
      const ref = JSON.parse(fs.readFileSync(refPath, 'utf8'));
      const diffs = checkFacts(json, ref.expect);
      assert.deepEqual(diffs, [], `${name} disagrees with ${ref.source}:\n${diffs.join('\n')}`);
    }
    const expPath = path.join(dir, 'expected.json');
    const text = JSON.stringify(json, null, 2) + '\n';
    if (UPDATE || !fs.existsSync(expPath)) {
      fs.writeFileSync(expPath, text);
      return;
    }
    assert.deepEqual(json, JSON.parse(fs.readFileSync(expPath, 'utf8')));
  });
}
