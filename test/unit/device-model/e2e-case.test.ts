// The device-model case the real-editor e2e suite checks (test/fixtures/device-model/e2e/):
// this keeps its expectation in step with the core, so an e2e failure means the editor
// integration broke, not that the expectation went stale.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import { parseXenVersion } from '../../../server/src/core/xen-version';
import { FIXTURE_DIR, applyEdits, readJson } from './fixture-support';

interface E2eCase {
  file: string;
  settings: Record<string, string>;
  expect: {
    code: string;
    severity: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    messageStartsWith: string;
    quickFix: { title: string; lineAfter: string };
  };
  andNotOn: Record<string, string>;
}

const E2E_DIR = path.join(FIXTURE_DIR, 'e2e');

function position(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

for (const name of fs.existsSync(E2E_DIR) ? fs.readdirSync(E2E_DIR).filter((f) => f.endsWith('.e2e.json')) : []) {
  test(`e2e case ${name} matches the core`, () => {
    const c = readJson<E2eCase>(path.join(E2E_DIR, name))!;
    const text = fs.readFileSync(path.join(E2E_DIR, c.file), 'utf8');
    const options = (s: Record<string, string>) => ({
      xenVersion: parseXenVersion(s['xlcfg.xenVersion'])!,
      qemuVersion: s['xlcfg.qemuVersion'] || undefined,
    });
    const found = analyze(text, options(c.settings)).findings.filter((f) => f.code === c.expect.code);
    assert.equal(found.length, 1);
    const f = found[0];
    assert.equal(f.severity, c.expect.severity);
    assert.deepEqual({ start: position(text, f.start), end: position(text, f.end) }, c.expect.range);
    assert.ok(f.message.startsWith(c.expect.messageStartsWith), f.message);
    const qf = f.fixes?.find((x) => x.title === c.expect.quickFix.title);
    assert.ok(qf, 'quick fix offered');
    const fixed = applyEdits(text, qf.edits);
    assert.ok(fixed.split('\n').includes(c.expect.quickFix.lineAfter), fixed);
    const other = analyze(text, options({ ...c.settings, ...c.andNotOn })).findings.filter((g) => g.code === c.expect.code);
    assert.equal(other.length, 0, 'the diagnostic is release-specific');
  });
}
