// Every key rule against its fixtures: test/fixtures/keys/rules/<slug>/*.cfg, each with the
// diagnostics of the key rules beside it (<name>.expected.json: code, severity, message,
// LSP range, quick fixes with the text each produces). A fixture may select a release with a
// first line `# xen: 4.15`. XLCFG_UPDATE=1 rewrites the expectations.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../../server/src/core/analyze';
import { keysRules } from '../../../server/src/core/rules/keys';
import type { Finding, TextEdit } from '../../../server/src/core/findings';
import { cfgFiles, expectJson, keysFixture, rangeOf, releaseOf } from './support';

const SLUGS = new Set(keysRules.map((r) => r.slug));
const root = keysFixture('rules');

function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function describe(text: string, f: Finding) {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: rangeOf(text, f.start, f.end),
    ...(f.fixes?.length ? { fixes: f.fixes.map((x) => ({ title: x.title, preferred: !!x.isPreferred, result: applyEdits(text, x.edits) })) } : {}),
  };
}

test('every key rule has fixtures, and every fixture folder is a rule', () => {
  const dirs = fs.existsSync(root) ? fs.readdirSync(root) : [];
  for (const slug of SLUGS) assert.ok(dirs.includes(slug), `no fixtures for the rule ${slug} in test/fixtures/keys/rules`);
  for (const d of dirs) assert.ok(SLUGS.has(d), `test/fixtures/keys/rules/${d} is not a key rule`);
});

test('slugs are unique kebab-case and every rule says what it checks', () => {
  assert.equal(SLUGS.size, keysRules.length);
  for (const r of keysRules) {
    assert.match(r.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(r.description.length > 20, `${r.slug}: description too short`);
  }
});

for (const file of cfgFiles(root)) {
  const slug = path.basename(path.dirname(file));
  const name = `${slug}/${path.basename(file)}`;
  test(`key rule fixture ${name}`, () => {
    const text = fs.readFileSync(file, 'utf8');
    const release = releaseOf(text);
    const { findings } = analyze(text, { xenVersion: release, fileName: 'test.cfg' });
    const mine = findings.filter((f) => SLUGS.has(f.code));
    // A fixture named "*-ok" shows a value the rule must accept; every other one must trigger it.
    if (!/(^|-)ok\.cfg$/.test(path.basename(file))) {
      assert.ok(mine.some((f) => f.code === slug), `${name} does not trigger ${slug}`);
    } else {
      assert.ok(!mine.some((f) => f.code === slug), `${name} should not trigger ${slug}`);
    }
    for (const f of mine) {
      assert.ok(f.start <= f.end && f.end <= text.length, `${f.code}: range outside the text`);
      assert.ok(/\bxl\b|libxl|QEMU/.test(f.message), `${f.code}: the message does not say what xl does: ${f.message}`);
      for (const fx of f.fixes ?? []) for (const e of fx.edits) assert.ok(e.start <= e.end && e.end <= text.length, `${f.code}: fix edit outside the text`);
    }
    expectJson(file, { xenVersion: release, diagnostics: mine.map((f) => describe(text, f)) });
  });
}

test('the user setting can change a key rule\'s severity or silence it', () => {
  const text = 'name = "g"\nkernel = "/k"\nmemroy = 512\n';
  const base = analyze(text).findings.filter((f) => f.code === 'unknown-key');
  assert.equal(base.length, 1);
  assert.equal(base[0].severity, 'warning');
  assert.equal(analyze(text, { severities: { 'unknown-key': 'error' } }).findings.find((f) => f.code === 'unknown-key')?.severity, 'error');
  assert.equal(analyze(text, { severities: { 'unknown-key': 'off' } }).findings.filter((f) => f.code === 'unknown-key').length, 0);
});
