// Did-you-mean for unknown keys (test/fixtures/keys/did-you-mean.cases.json, written by hand),
// the edit distance itself, and the xm-era key table against the catalog.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { analyze } from '../../../server/src/core/analyze';
import { editDistance } from '../../../server/src/core/rules/keys/did-you-mean';
import { XM_KEYS } from '../../../server/src/core/rules/keys/xm-keys';
import { keyInfoAnyRelease } from '../../../server/src/core/catalog';
import { keysFixture } from './support';

const table = JSON.parse(fs.readFileSync(keysFixture('did-you-mean.cases.json'), 'utf8')) as { cases: Record<string, string[]> };

for (const [word, expected] of Object.entries(table.cases)) {
  test(`unknown key \`${word}\` suggests ${expected.length ? expected.join(', ') : 'nothing'}`, () => {
    const text = `name = "g"\nkernel = "/k"\n${word} = 1\n`;
    const f = analyze(text).findings.find((x) => x.code === 'unknown-key');
    assert.ok(f, `${word} is not reported as unknown`);
    const suggested = (f.fixes ?? []).map((x) => /`([^`]+)`/.exec(x.title)![1]);
    assert.deepEqual(suggested, expected);
  });
}

test('edit distance counts an adjacent swap as one edit', () => {
  assert.equal(editDistance('memroy', 'memory'), 1);
  assert.equal(editDistance('vif', 'vifs'), 1);
  assert.equal(editDistance('abc', 'xyz'), 3);
  assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3, 'stops once over the limit');
});

test('the xm keys are keys xl never reads, and their replacements are xl keys', () => {
  for (const [name, xm] of XM_KEYS) {
    assert.equal(keyInfoAnyRelease(name), undefined, `${name} is an xl key`);
    if (xm.replacement) assert.ok(keyInfoAnyRelease(xm.replacement), `${name}: ${xm.replacement} is not an xl key`);
  }
});
