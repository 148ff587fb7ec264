// Each spec language's table: test/fixtures/specs/tables/<key>.cases.json lists input
// strings (and the releases to parse them for); <key>.expected.json beside it holds the
// parsed spec and problems for each. XLCFG_UPDATE=1 rewrites the expectations.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { specLanguageFor } from '../../../server/src/core/specs';
import { NEWEST_XEN, type XenVersion } from '../../../server/src/core/xen-version';
import { listFixtures, plain, readJson, specFixture, toJson, UPDATE } from './support';

interface CaseFile {
  key: string;
  /** Releases every case is parsed for, unless a case lists its own. */
  xen?: XenVersion[];
  /** Extra parser options (e.g. `scalar: false` for the list form of cpuid). */
  options?: Record<string, unknown>;
  cases: Array<{ input: string; xen?: XenVersion[]; note?: string }>;
}

const files = listFixtures(specFixture('tables'), '.cases.json');

test('every spec table has cases', () => {
  assert.ok(files.length >= 4, `only ${files.length} tables in test/fixtures/specs/tables`);
});

for (const file of files) {
  const name = path.basename(file, '.cases.json');
  test(`spec table: ${name}`, () => {
    const table = readJson<CaseFile>(file);
    const lang = specLanguageFor(table.key);
    assert.ok(lang, `no parser for key ${table.key}`);
    const actual = [];
    for (const c of table.cases) {
      for (const xen of c.xen ?? table.xen ?? [NEWEST_XEN]) {
        const r = lang.parse(c.input, { ...table.options, xenVersion: xen });
        for (const p of r.problems) {
          assert.ok(p.start >= 0 && p.end <= c.input.length && p.start <= p.end, `${JSON.stringify(c.input)}: problem ${p.code} range ${p.start}-${p.end} outside the string`);
        }
        actual.push({ input: c.input, xen, ...(c.note ? { note: c.note } : {}), spec: r.spec, problems: r.problems });
      }
    }
    const expectedFile = file.replace(/\.cases\.json$/, '.expected.json');
    if (UPDATE || !fs.existsSync(expectedFile)) {
      if (!UPDATE) assert.fail(`${path.basename(expectedFile)} is missing; run with XLCFG_UPDATE=1 to record it, then review it`);
      fs.writeFileSync(expectedFile, toJson(actual));
      return;
    }
    const expected = readJson<unknown[]>(expectedFile);
    const got = plain(actual) as unknown[];
    assert.equal(got.length, expected.length, 'number of parsed cases');
    for (let i = 0; i < got.length; i++) assert.deepEqual(got[i], expected[i]);
  });
}
