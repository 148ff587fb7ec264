// The model against xl 4.22 itself: every recorded conformance case (test/fixtures/xl-cases,
// from scripts/record-xl-cases.js) must give xl's exit status, stderr and dry-run JSON.
// Cases the model cannot match yet are listed, each with its reason, in known-gaps.json; a
// listed case that starts to agree fails too, so the list only shrinks. XLCFG_UPDATE=1
// rewrites the list from the current results (review the diff).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fixturesDir } from '../../fuzz/support/paths';
import { modelOutcome, outcomeDifferences, withoutUuid, type XlOutcome } from './outcome';

const dir = fixturesDir('xl-cases');
const gapsFile = path.join(dir, 'known-gaps.json');
const gaps: Record<string, string> = fs.existsSync(gapsFile) ? JSON.parse(fs.readFileSync(gapsFile, 'utf8')) : {};
const update = process.env.XLCFG_UPDATE === '1';
const newGaps: Record<string, string> = {};

const ids = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.cfg'))
  .map((f) => f.slice(0, -4))
  .sort();

test('the xl cases are recorded', () => {
  assert.ok(ids.length >= 325, `test/fixtures/xl-cases holds ${ids.length} cases`);
  for (const id of Object.keys(gaps)) assert.ok(ids.includes(id), `known-gaps.json names ${id}, which is not a case`);
});

for (const id of ids) {
  test(`xl 4.22: ${id}`, () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, `${id}.cfg`)));
    const expected = JSON.parse(fs.readFileSync(path.join(dir, `${id}.expected.json`), 'utf8')) as XlOutcome;
    expected.dryRunJson = expected.dryRunJson ? withoutUuid(expected.dryRunJson) : null;
    // That xl was built from source without pygrub, with the default prefix.
    const ours = modelOutcome(bytes, '4.22', { sourceName: 'test.cfg', build: { pygrub: false } });
    const diffs = outcomeDifferences(ours, expected);
    if (update) {
      if (diffs.length) {
        const unmodelled = ours.model?.unmodelled ?? [];
        newGaps[id] = unmodelled.length ? `not modelled yet: ${unmodelled.join(', ')}` : `model differs: ${diffs[0].split('\n')[0]}`;
      }
      return;
    }
    if (gaps[id]) {
      assert.ok(diffs.length > 0, `${id} now agrees with xl: remove it from known-gaps.json`);
    } else {
      assert.deepEqual(diffs, [], `${id}: the model disagrees with xl 4.22`);
    }
  });
}

after(() => {
  if (update) fs.writeFileSync(gapsFile, JSON.stringify(newGaps, Object.keys(newGaps).sort(), 2) + '\n');
});
