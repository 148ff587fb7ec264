// Our own probes of xl behaviour (test/fixtures/model/xl-4.17-probes: small configs, one
// corner each) against what Debian's real xl 4.17 did with them (recorded beside them by
// scripts/record-xl-417.js through the dry-run oracle): exit status or crash, stderr and
// the dry-run JSON must all match.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fixturesDir } from '../../fuzz/support/paths';
import { modelOutcome, outcomeDifferences, withoutUuid, type XlOutcome } from './outcome';

const dir = fixturesDir('model', 'xl-4.17-probes');
const names = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.cfg'))
  .map((f) => f.slice(0, -4))
  .sort();

test('there are xl 4.17 probes', () => assert.ok(names.length >= 80));

for (const name of names) {
  test(`xl 4.17 probe ${name}`, () => {
    const text = fs.readFileSync(path.join(dir, `${name}.cfg`), 'utf8');
    const expected = JSON.parse(fs.readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as XlOutcome;
    expected.dryRunJson = expected.dryRunJson ? withoutUuid(expected.dryRunJson) : null;
    const ours = modelOutcome(text, '4.17', { sourceName: `${name}.cfg`, build: { firmwareDir: '/usr/lib/xen-4.17/boot' } });
    // A uuid the config sets must come through unchanged.
    const uuid = /^uuid="([^"]*)"/m.exec(text)?.[1];
    if (uuid && ours.model && !ours.model.exit) {
      assert.equal((ours.model.config.c_info as { uuid?: string }).uuid, uuid.toLowerCase());
    }
    assert.deepEqual(outcomeDifferences(ours, expected), [], `${name}: ${text.trim().replace(/\n/g, '; ')}`);
  });
}
