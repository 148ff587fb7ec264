// Data-driven syntax tests: each test/fixtures/syntax/NAME.cfg (bytes as they are) has
// NAME.expected.json beside it with what parseConfig reports: Xen's verdict, our errors and
// warnings (code, message, range as "line:col-line:col", 1-based), Xen's line and message,
// the fixes, and every setting. XLCFG_UPDATE=1 rewrites the expectations; review the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseConfig } from '../../../server/src/core/syntax/parse';
import { LineIndex } from '../../../server/src/core/positions';
import type { Value } from '../../../server/src/core/syntax/tree';

const dir = path.resolve(__dirname, '../../../../test/fixtures/syntax');
const update = process.env.XLCFG_UPDATE === '1';

function valueJson(v: Value): unknown {
  return v.kind === 'string' ? v.value : v.items.map(valueJson);
}

function describe(bytes: Uint8Array) {
  const p = parseConfig(bytes);
  const index = new LineIndex(p.text);
  const at = (s: number, e: number) => {
    const r = index.rangeOf(s, e);
    return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
  };
  const fixes = (f: { title: string; edits: { start: number; end: number; newText: string }[] }[] | undefined) =>
    f?.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ range: at(e.start, e.end), newText: e.newText })) }));
  return {
    ok: p.ok,
    crashes: p.crashes,
    xenReport: p.xenReport.map((r) => (r.line === null ? r.message : `${r.line}: ${r.message}`)),
    errors: p.errors.map((e) => ({ code: e.code, range: at(e.start, e.end), message: e.message, xenLine: e.xenLine, xenMessage: e.xenMessage, fixes: fixes(e.fixes) })),
    warnings: p.warnings.map((w) => ({ code: w.code, range: at(w.start, w.end), message: w.message, fixes: fixes(w.fixes) })),
    settings: p.settings.map((s) => ({ name: s.name, op: s.op, line: s.line, value: valueJson(s.value), stored: s.stored, ...(s.accumulated ? { accumulated: valueJson(s.accumulated) } : {}) })),
  };
}

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cfg')).sort()) {
  test(`syntax fixture ${file}`, () => {
    const actual = JSON.parse(JSON.stringify(describe(fs.readFileSync(path.join(dir, file)))));
    const expectedPath = path.join(dir, file.replace(/\.cfg$/, '.expected.json'));
    if (update || !fs.existsSync(expectedPath)) {
      fs.writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
      if (!update) assert.fail(`wrote missing ${path.basename(expectedPath)}: review it`);
      return;
    }
    assert.deepEqual(actual, JSON.parse(fs.readFileSync(expectedPath, 'utf8')));
  });
}

test('applying each fix removes its error and changes nothing else', () => {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cfg'))) {
    const bytes = fs.readFileSync(path.join(dir, file));
    const p = parseConfig(bytes);
    for (const e of p.errors) {
      for (const fix of e.fixes ?? []) {
        let text = p.text;
        for (const ed of [...fix.edits].sort((a, b) => b.start - a.start)) text = text.slice(0, ed.start) + ed.newText + text.slice(ed.end);
        const after = parseConfig(text);
        const still = after.errors.filter((x) => x.code === e.code && x.start === e.start);
        assert.equal(still.length, 0, `${file}: fix "${fix.title}" left ${e.code} at ${e.start}`);
        assert.ok(after.errors.length < p.errors.length, `${file}: fix "${fix.title}" did not reduce the errors`);
        // Comments survive every fix.
        for (const c of p.text.match(/#[^\n]*/g) ?? []) assert.ok(text.includes(c), `${file}: fix "${fix.title}" lost comment ${c}`);
      }
    }
  }
});
