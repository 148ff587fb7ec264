// Host profiles: each test/fixtures/layout/host-profiles/NAME.json is parsed and the result
// (the profile, or every error as `line:col-line:col message` at the offending text) is compared
// with NAME.expected.json (XLCFG_UPDATE=1 rewrites it; review the diff).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseHostProfile } from '../../../server/src/core/host-profile';
import { LAYOUT_FIXTURES, UPDATE } from './support';

const DIR = path.join(LAYOUT_FIXTURES, 'host-profiles');

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort()) {
  test(`host profile ${file}`, () => {
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    const r = parseHostProfile(text);
    for (const e of r.errors) {
      assert.ok(e.start >= 0 && e.end >= e.start && e.end <= text.length, `error range inside the file: ${JSON.stringify(e)}`);
    }
    const actual = {
      profile: r.profile ? JSON.parse(JSON.stringify(r.profile)) : null,
      errors: r.errors.map((e) => `${lineCol(text, e.start)}-${lineCol(text, e.end)} ${e.message} [${JSON.stringify(text.slice(e.start, e.end))}]`),
    };
    const expPath = path.join(DIR, file.replace(/\.json$/, '.expected.json'));
    if (UPDATE || !fs.existsSync(expPath)) {
      fs.writeFileSync(expPath, JSON.stringify(actual, null, 2) + '\n');
      return;
    }
    assert.deepEqual(actual, JSON.parse(fs.readFileSync(expPath, 'utf8')));
  });
}

test('a profile with errors is not used, and every error points into the profile', () => {
  const r = parseHostProfile('{"rmrrs": [{"start": "0x1000", "end": "0x0fff"}]}');
  assert.equal(r.profile, undefined);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0].message, /inclusive/);
});

test('sizes and addresses keep full precision up to 2^52', () => {
  const r = parseHostProfile('{"pciDevices": [{"bdf": "0000:01:00.0", "bars": [{"index": 0, "size": "0x8000000000", "is64": true}]}], "rmrrs": [{"start": "0xfffffff000", "end": "0xffffffffff", "devices": []}]}');
  assert.deepEqual(r.errors, []);
  assert.equal(r.profile!.pciDevices[0].bars[0].size, 2 ** 39);
  assert.equal(r.profile!.rmrrs[0].end, 2 ** 40 - 1);
});
