// Data-driven tests of the device-model rules: every `test/fixtures/device-model/*.cfg` is
// analysed on each release its header names, and the device-model findings (code, severity,
// range as line:col, message, fixes) are compared with `<name>.expected.json`, keyed by
// release. `XLCFG_UPDATE=1` rewrites the expectations (review the diff).
//
// Every preferred quick fix is also applied and the file analysed again: the finding it fixes
// must be gone, and the fix must not introduce a device-model error.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import { deviceModelRules } from '../../../server/src/core/rules/device-model';
import type { XenVersion } from '../../../server/src/core/xen-version';
import {
  FIXTURE_DIR, UPDATE, applyEdits, listFixtures, readHeader, readJson, renderFinding, writeJson, type RenderedFinding,
} from './fixture-support';

const OWN_CODES = new Set(deviceModelRules.map((r) => r.slug));

function deviceModelFindings(text: string, xenVersion: XenVersion, qemuVersion?: string) {
  return analyze(text, { xenVersion, qemuVersion }).findings.filter((f) => OWN_CODES.has(f.code));
}

const fixtures = listFixtures(FIXTURE_DIR, '.cfg');

test('device-model fixtures exist', () => {
  assert.ok(fixtures.length > 0, `no fixtures in ${FIXTURE_DIR}`);
});

for (const name of fixtures) {
  const file = path.join(FIXTURE_DIR, name);
  const text = fs.readFileSync(file, 'utf8');
  const header = readHeader(text);
  const expectedFile = file.replace(/\.cfg$/, '.expected.json');

  test(`device-model fixture ${name}`, () => {
    const actual: Record<string, RenderedFinding[]> = {};
    for (const v of header.releases) {
      actual[v] = deviceModelFindings(text, v, header.qemuVersion).map((f) => renderFinding(text, f));
    }
    const expected = readJson<Record<string, RenderedFinding[]>>(expectedFile);
    if (UPDATE || expected === undefined) {
      writeJson(expectedFile, actual);
      if (!UPDATE) assert.fail(`wrote missing expectations ${path.basename(expectedFile)}; review and re-run`);
      return;
    }
    assert.deepEqual(actual, expected);
  });

  test(`device-model fixture ${name}: preferred fixes remove their finding`, () => {
    for (const v of header.releases) {
      const before = deviceModelFindings(text, v, header.qemuVersion);
      const count = (list: typeof before, code: string) => list.filter((g) => g.code === code).length;
      for (const f of before) {
        const preferred = f.fixes?.find((x) => x.isPreferred);
        if (!preferred) continue;
        const fixed = applyEdits(text, preferred.edits);
        const after = deviceModelFindings(fixed, v, header.qemuVersion);
        assert.ok(
          count(after, f.code) < count(before, f.code),
          `${name} on ${v}: fix "${preferred.title}" for ${f.code} left it in place:\n${fixed}`,
        );
        const newErrors = after.filter((g) => g.severity === 'error' && g.code !== f.code && !before.some((h) => h.code === g.code));
        assert.deepEqual(
          newErrors.map((g) => `${g.code}: ${g.message}`),
          [],
          `${name} on ${v}: fix "${preferred.title}" for ${f.code} introduced errors:\n${fixed}`,
        );
      }
    }
  });
}

test('every device-model rule has a fixture that triggers it', () => {
  const seen = new Set<string>();
  for (const name of fixtures) {
    const expected = readJson<Record<string, RenderedFinding[]>>(path.join(FIXTURE_DIR, name.replace(/\.cfg$/, '.expected.json')));
    for (const list of Object.values(expected ?? {})) for (const f of list) seen.add(f.code);
  }
  const missing = [...OWN_CODES].filter((c) => !seen.has(c));
  assert.deepEqual(missing, [], 'rules without a fixture');
});

test('every fixture is analysed on the release boundaries 4.13, 4.14, 4.20 and 4.21', () => {
  for (const name of fixtures) {
    const { releases } = readHeader(fs.readFileSync(path.join(FIXTURE_DIR, name), 'utf8'));
    for (const v of ['4.13', '4.14', '4.20', '4.21']) assert.ok(releases.includes(v as XenVersion), `${name} does not run on ${v}`);
  }
});

test('device-model rule slugs are unique and kebab-case', () => {
  const slugs = deviceModelRules.map((r) => r.slug);
  assert.equal(new Set(slugs).size, slugs.length);
  for (const s of slugs) assert.match(s, /^[a-z0-9]+(-[a-z0-9]+)*$/);
});
