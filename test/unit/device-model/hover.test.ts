// Data-driven hover tests: each `test/fixtures/device-model/hover/*.cfg` has a `$0` cursor
// marker and a `# xen:` header; the device-model hover at the marker, per release, is
// compared with `<name>.expected.json` (`XLCFG_UPDATE=1` rewrites it).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import { deviceModelHover } from '../../../server/src/core/features/hover/device-model';
import { hoverProviders } from '../../../server/src/core/features/hover';
import { FIXTURE_DIR, UPDATE, listFixtures, rangeText, readHeader, readJson, writeJson } from './fixture-support';

const HOVER_DIR = path.join(FIXTURE_DIR, 'hover');

interface Expected {
  range: string;
  markdown: string;
}

test('device-model hover fixtures exist', () => {
  assert.ok(listFixtures(HOVER_DIR, '.cfg').length > 0);
});

test('the device-model hover is registered with the hover aggregator', () => {
  assert.ok(hoverProviders.includes(deviceModelHover));
});

for (const name of listFixtures(HOVER_DIR, '.cfg')) {
  test(`device-model hover ${name}`, () => {
    const file = path.join(HOVER_DIR, name);
    const raw = fs.readFileSync(file, 'utf8');
    const offset = raw.indexOf('$0');
    assert.ok(offset >= 0, 'fixture has no $0 marker');
    const text = raw.slice(0, offset) + raw.slice(offset + 2);
    const header = readHeader(text);
    const actual: Record<string, Expected | null> = {};
    for (const v of header.releases) {
      const h = deviceModelHover(analyze(text, { xenVersion: v, qemuVersion: header.qemuVersion }), offset);
      actual[v] = h ? { range: rangeText(text, h), markdown: h.markdown } : null;
    }
    const expectedFile = file.replace(/\.cfg$/, '.expected.json');
    const expected = readJson<Record<string, Expected | null>>(expectedFile);
    if (UPDATE || expected === undefined) {
      writeJson(expectedFile, actual);
      if (!UPDATE) assert.fail(`wrote missing expectations ${path.basename(expectedFile)}; review and re-run`);
      return;
    }
    assert.deepEqual(actual, expected);
  });
}
