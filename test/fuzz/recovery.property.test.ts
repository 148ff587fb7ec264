// Property: error recovery never changes what the rest of a file parses to. Take a valid file,
// insert one erroneous line between two statements (or append it): every other setting keeps
// its name, operator and value, and its line moves by exactly the inserted line.
//
//   XLCFG_PROPERTY_RUNS=400   how many files fast-check tries
// fast-check prints the seed and the shrunk counterexample when the property fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseConfig } from '../../server/src/core/syntax/parse';
import { plainValue, type PlainValue } from './support/answers';

const runs = Number(process.env.XLCFG_PROPERTY_RUNS ?? 400);

const ident = fc.stringMatching(/^[a-z][a-z0-9_.]{0,6}$/);
const numberToken = fc.stringMatching(/^[0-9][0-9a-fx]{0,5}$/);
const stringText = fc.stringMatching(/^([a-zA-Z0-9 ,=:\/#\[\];.-]|\\[nt\\"']|\xc3\xa9)*$/, { size: 'small' });
const atom = fc.oneof(
  numberToken,
  stringText.map((s) => `"${s}"`),
  stringText.map((s) => `'${s}'`),
);
/** Blanks, newlines and comments, as a list allows them between items. */
const nlok = fc.constantFrom('', '', ' ', '\n', ' # c\n', '\n\t', '\n# only a comment\n  ');

const { value } = fc.letrec<{ value: string; list: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, atom, tie('list')),
  list: fc
    .tuple(fc.array(fc.tuple(tie('value'), nlok, nlok), { maxLength: 3 }), nlok, fc.boolean())
    .map(([items, first, trailing]) => {
      const body = items.map(([v, before, after]) => `${before}${v}${after}`).join(',');
      return `[${first}${body}${items.length && trailing ? ',' : ''}]`;
    }),
}));

const statement = fc
  .tuple(ident, fc.constantFrom('=', '=', '+='), value, fc.constantFrom('', ' ', '\t'), fc.constantFrom('\n', ' # note\n', ';\n', '\n\n'))
  .map(([name, op, v, blank, end]) => `${blank}${name}${blank}${op}${blank}${v}${end}`);

/**
 * One-line mistakes that end at their own newline: none opens a list or a string that could
 * legitimately run on into the next line.
 */
const BAD_LINES = [
  'x =',
  '= 5',
  'memory = -1',
  'type=hvm',
  'a="unterminated',
  "b='unterminated",
  'Name="x"',
  '1x=2',
  'foo bar',
  'x=[1,,2]',
  '"str"',
  '@@@',
  'x = 1 2',
  'x=[1 2]',
  'x=]',
  'y = 1,',
  'x=1.5',
  'kernel = "/k" + "x"',
  "x='\\q'",
  'x="\\x41"',
  'memory = 128 + 64',
  'x=1\r',
  '\r',
  'x += += 1',
  'max-files=1',
  'vcpus = (2)',
  'x=\xc3\xa9',
  'x: 1',
  'x=[]]',
];
const badLine = fc.constantFrom(...BAD_LINES);

interface Plain {
  name: string;
  op: string;
  value: PlainValue;
  line: number;
}

function settingsOf(text: string): { ok: boolean; settings: Plain[] } {
  const p = parseConfig(Buffer.from(text, 'latin1'));
  return { ok: p.ok, settings: p.settings.map((s) => ({ name: s.name, op: s.op, value: plainValue(s.value), line: s.line })) };
}

test('recovery: an erroneous line leaves every other setting as it was', () => {
  fc.assert(
    fc.property(fc.array(statement, { minLength: 1, maxLength: 12 }), badLine, fc.nat(), (stmts, bad, where) => {
      const original = stmts.join('');
      const before = settingsOf(original);
      fc.pre(before.ok); // e.g. `x = "a"` then `x += [..]` is an error of its own
      const at = where % (stmts.length + 1);
      const head = stmts.slice(0, at).join('');
      const insertedLine = head.split('\n').length; // 1-based line the bad line lands on
      const modified = head + bad + '\n' + stmts.slice(at).join('');
      const after = settingsOf(modified);
      assert.equal(after.ok, false, `inserting ${JSON.stringify(bad)} must make the file fail: ${JSON.stringify(modified)}`);
      const expected = before.settings.map((s) => ({ ...s, line: s.line >= insertedLine ? s.line + 1 : s.line }));
      const got = after.settings.filter((s) => s.line !== insertedLine);
      assert.deepEqual(got, expected, `after inserting ${JSON.stringify(bad)} at line ${insertedLine} of ${JSON.stringify(original)}`);
    }),
    { numRuns: runs },
  );
});
