// The recorded xl 4.22 cases (test/fixtures/xl-cases: config, exit status, stderr) through the
// whole analysis: where xl refuses the config (non-zero exit or a crash) we must report an
// error, at the value xl stopped at when the model knows it, and say what xl does; where xl
// only warns we must report at least a warning; where xl says nothing the key rules must not
// claim that xl refuses it. Every getter warning xl printed must be one of our findings on
// that line. Cases where another area deliberately reports less are listed with the reason in
// test/fixtures/keys/xl-cases-exceptions.json (a listed case that starts to pass fails too).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../../server/src/core/analyze';
import { keysRules } from '../../../server/src/core/rules/keys';
import { domainOf } from '../../../server/src/core/model/domain';
import { fixturesDir } from '../../fuzz/support/paths';
import { keysFixture, rangeOf } from './support';

interface Recorded {
  exitStatus: number | null;
  crashSignal: string | number | null;
  stderr: string[];
}

const dir = fixturesDir('xl-cases');
const exceptions: Record<string, string> = JSON.parse(fs.readFileSync(keysFixture('xl-cases-exceptions.json'), 'utf8'));
const ids = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cfg')).map((f) => f.slice(0, -4)).sort() : [];
const KEY_SLUGS = new Set(keysRules.map((r) => r.slug));
const GETTER_CODES: Record<string, string> = {
  'is not a valid number': 'not-a-number',
  'could not be parsed as a number': 'not-a-number',
  'is a list but should be a single value': 'scalar-expected',
  'is a single value but should be a list': 'list-expected',
  "can't use += with numbers": 'plus-equals-on-number',
};
const GETTER_LINE = /^test\.cfg:(\d+): warning: (?:parameter `([^']+)' (.*)|(can't use \+= with numbers) for parameter `([^']+)')$/;

test('the xl cases are there', () => {
  assert.ok(ids.length >= 300, `only ${ids.length} xl cases in test/fixtures/xl-cases`);
  for (const id of Object.keys(exceptions)) assert.ok(ids.includes(id), `xl-cases-exceptions.json names ${id}, which is not a case`);
});

function problemsOf(id: string): string[] {
  const bytes = new Uint8Array(fs.readFileSync(path.join(dir, `${id}.cfg`)));
  const xl = JSON.parse(fs.readFileSync(path.join(dir, `${id}.expected.json`), 'utf8')) as Recorded;
  const a = analyze(bytes, { xenVersion: '4.22', fileName: 'test.cfg' });
  const problems: string[] = [];
  if (!a.parsed.ok || a.parsed.crashes) return problems; // the parser's tests own these
  const errors = a.findings.filter((f) => f.severity === 'error');
  const refused = xl.exitStatus !== 0 || xl.crashSignal !== null;
  if (refused) {
    if (!errors.length) problems.push(`xl exits ${xl.exitStatus ?? xl.crashSignal} (${xl.stderr.join(' / ')}) but we report no error`);
    const exit = domainOf(a.context).exit;
    if (exit && exit.start !== undefined && exit.end !== undefined) {
      // Our own rules point at the value; another area's may point at the key of that assignment.
      const setting = a.view.settings.find((s) => s.value.start <= exit.start! && exit.end! <= s.value.end);
      const mineAtValue = (f: { code: string; start: number; end: number }) => (f.start < exit.end! && exit.start! < f.end) || f.start === exit.start;
      const othersAtAssignment = (f: { code: string; start: number; end: number }) => !KEY_SLUGS.has(f.code) && !!setting && f.start < setting.end && setting.start < f.end;
      const at = errors.filter((f) => mineAtValue(f) || othersAtAssignment(f));
      if (!at.length) problems.push(`no error at the value xl stops at (${JSON.stringify(rangeOf(a.parsed.text, exit.start, exit.end))})`);
      for (const f of at) if (!/\bxl\b|libxl/.test(f.message)) problems.push(`${f.code}: the message does not say what xl does`);
    }
  } else if (xl.stderr.length) {
    if (!a.findings.some((f) => f.severity === 'error' || f.severity === 'warning')) problems.push(`xl warns (${xl.stderr.join(' / ')}) but we report no warning`);
  } else {
    for (const f of errors) if (KEY_SLUGS.has(f.code) && f.code !== 'value-out-of-range' && f.code !== 'libxl-rejects-config') problems.push(`xl accepts this silently but ${f.code} says: ${f.message}`);
  }
  for (const line of xl.stderr) {
    const m = GETTER_LINE.exec(line);
    if (!m) continue;
    const lineNo = Number(m[1]) - 1;
    const key = m[2] ?? m[5];
    const what = m[3] ?? m[4];
    const code = Object.entries(GETTER_CODES).find(([k]) => what.startsWith(k))?.[1];
    const found = a.findings.some((f) => f.code === code && rangeOf(a.parsed.text, f.start, f.end).start.line === lineNo && a.parsed.text.slice(f.start, f.end).length > 0);
    if (!found) problems.push(`xl warns "${line}" but there is no ${code} finding for \`${key}\` on line ${lineNo + 1}`);
  }
  return problems;
}

for (const id of ids) {
  test(`xl 4.22 case ${id} is reported as xl behaves`, () => {
    const problems = problemsOf(id);
    if (exceptions[id]) assert.ok(problems.length > 0, `${id} now passes: remove it from xl-cases-exceptions.json`);
    else assert.deepEqual(problems, []);
  });
}
