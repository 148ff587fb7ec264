// The spec rules on whole configs: test/fixtures/specs/rules/<name>.cfg (first line may be
// `# xen: 4.x` to choose the release) beside <name>.expected.json with every finding of the
// spec rules: code, severity, the document text it underlines, the message, and each fix
// with the line it produces. This checks the mapping from offsets inside a string value
// (escapes, quote styles, list items) to the document. XLCFG_UPDATE=1 rewrites expectations.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseConfig } from '../../../server/src/core/syntax/parse';
import { ConfigView } from '../../../server/src/core/model/config-view';
import { RuleContext } from '../../../server/src/core/rules/context';
import { specsRules } from '../../../server/src/core/rules/specs';
import { parseXenVersion, NEWEST_XEN } from '../../../server/src/core/xen-version';
import { listFixtures, readJson, specFixture, toJson, UPDATE } from './support';

function lineAt(text: string, offset: number): string {
  const s = text.lastIndexOf('\n', offset - 1) + 1;
  const e = text.indexOf('\n', offset);
  return text.slice(s, e < 0 ? text.length : e);
}

const files = listFixtures(specFixture('rules'), '.cfg');

test('there are spec rule fixtures', () => {
  assert.ok(files.length >= 3);
});

for (const file of files) {
  test(`spec rules: ${path.basename(file)}`, () => {
    const text = fs.readFileSync(file, 'utf8');
    const version = parseXenVersion(/^# xen: (\S+)/.exec(text)?.[1]) ?? NEWEST_XEN;
    const parsed = parseConfig(text);
    const ctx = new RuleContext(parsed, new ConfigView(parsed.settings), { xenVersion: version });
    const actual = [];
    for (const rule of specsRules) {
      for (const f of rule.check(ctx)) {
        assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end, `${f.code}: range ${f.start}-${f.end}`);
        actual.push({
          rule: rule.slug,
          code: f.code ?? rule.slug,
          severity: f.severity ?? rule.defaultSeverity,
          text: text.slice(f.start, f.end),
          line: lineAt(text, f.start),
          message: f.message,
          fixes: (f.fixes ?? []).map((x) => {
            let out = text;
            for (const e of [...x.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
            return { title: x.title, line: lineAt(out, x.edits[0].start) };
          }),
        });
      }
    }
    const expectedFile = file.replace(/\.cfg$/, '.expected.json');
    if (UPDATE || !fs.existsSync(expectedFile)) {
      if (!UPDATE) assert.fail(`${path.basename(expectedFile)} is missing; run with XLCFG_UPDATE=1 to record it, then review it`);
      fs.writeFileSync(expectedFile, toJson(actual));
      return;
    }
    assert.deepEqual(JSON.parse(toJson(actual)), readJson(expectedFile));
  });
}
