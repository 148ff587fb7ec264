// The layout rules on fixtures: every case directory (the worked examples at the top of
// test/fixtures/layout and the rule cases under rules/) gets findings.expected.json with the
// layout rules' findings (position, code, severity, message) and their fixes as edits
// (XLCFG_UPDATE=1 rewrites them; review the diff). Each fix is also applied and must remove
// its finding.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LAYOUT_FIXTURES, UPDATE } from './support';
import { analyzeCase, applyEdits, isLayoutCode, lineCol } from './rules-support';

const dirs = [
  ...fs.readdirSync(LAYOUT_FIXTURES).map((n) => path.join(LAYOUT_FIXTURES, n)),
  ...fs.readdirSync(path.join(LAYOUT_FIXTURES, 'rules')).map((n) => path.join(LAYOUT_FIXTURES, 'rules', n)),
].filter((d) => fs.existsSync(path.join(d, 'config.xl.cfg')));

for (const dir of dirs.sort()) {
  const name = path.relative(LAYOUT_FIXTURES, dir);
  test(`layout rules on ${name}`, () => {
    const { text, analysis, options } = analyzeCase(dir);
    const findings = analysis.findings.filter((f) => isLayoutCode(f.code));
    const actual = findings.map((f) => ({
      at: `${lineCol(text, f.start)}-${lineCol(text, f.end)}`,
      code: f.code,
      severity: f.severity,
      message: f.message,
      fixes: (f.fixes ?? []).map((x) => ({ title: x.title, edits: x.edits.map((e) => `${lineCol(text, e.start)}-${lineCol(text, e.end)} ${JSON.stringify(e.newText)}`) })),
    }));
    for (const f of findings) {
      for (const fix of f.fixes ?? []) {
        const after = analyzeCase(dir, applyEdits(text, fix.edits), options).analysis.findings.filter((g) => g.code === f.code);
        const before = findings.filter((g) => g.code === f.code);
        assert.ok(after.length < before.length, `${name}: fix "${fix.title}" leaves its ${f.code} finding`);
      }
    }
    const expPath = path.join(dir, 'findings.expected.json');
    if (UPDATE || !fs.existsSync(expPath)) {
      fs.writeFileSync(expPath, JSON.stringify(actual, null, 2) + '\n');
      return;
    }
    assert.deepEqual(actual, JSON.parse(fs.readFileSync(expPath, 'utf8')));
  });
}
