// Re-records the parser's conformance fixtures from ../shared (run after the reference moves):
//
//   test/fixtures/conformance/libxlutil-4.22/<id>.cfg + .expected.json
//       every case of ../shared/conformance/libxlutil-4.22/xl-cfg-grammar-cases.json: the input
//       bytes, Xen 4.22's verdict, messages and resolved values; the stored settings come from
//       xlcfg-oracle (Debian's libxlutil 4.17, the same parser) when it is built.
//   test/fixtures/conformance/extra/<id>.cfg + .expected.json
//       inputs of our own that the 4.22 cases lack (NUL bytes, invalid UTF-8, ...), judged by
//       xlcfg-oracle alone.
//   test/fixtures/oracle-cases/<case>.cfg + .expected.json
//       every ../shared/oracles/cases/*.cfg with its recorded xlcfg-oracle report, reduced to
//       what the tests compare.
//
// Usage: npx tsc -p . && node out/scripts/record-conformance.js
// (build the oracle first with scripts/build-oracle.sh, or the 4.22 and extra fixtures get no
// stored settings and the extra cases are skipped).

import * as fs from 'fs';
import * as path from 'path';
import { findOracle, reduceReport, runOracleSync, type OracleReport } from '../test/fuzz/support/oracle';
import { repoRoot, sharedDir } from '../test/fuzz/support/paths';
import type { PlainValue } from '../test/fuzz/support/answers';

/** One expected outcome, as the conformance tests read it. */
export interface ExpectedOutcome {
  /** Who decided this outcome. */
  reference: string;
  id: string;
  ok: boolean;
  /** libxlutil aborts on this input (xl dies with SIGABRT). */
  crashed: boolean;
  /** Xen's error lines in order: the line it prints and the text after `SOURCE:LINE: `. */
  errors: Array<{ line: number; message: string }>;
  pythonWarning: boolean;
  /** The settings libxlutil stores, in file order (absent when no oracle recorded them). */
  settings?: Array<{ name: string; op: '=' | '+='; line: number; value: PlainValue; accumulated?: PlainValue }>;
  settingsReference?: string;
  /** What a lookup of each name returns, when ok. `long` is xlu_cfg_get_long's verdict. */
  effective: Record<string, { value: PlainValue; line?: number; long?: { rc: string; decimal?: string; message?: string } }> | null;
  /** Where a recording of the same input by another Xen build disagreed (for the record). */
  notes?: string[];
}

const root = repoRoot(__dirname);
const shared = sharedDir() ?? path.resolve(root, '..', 'shared');
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** The 4.22 case file holds the input bytes as one JSON character per byte. */
function latin1Bytes(s: string): Buffer {
  for (const ch of s) if (ch.charCodeAt(0) > 0xff) throw new Error(`not a byte string: ${JSON.stringify(s)}`);
  return Buffer.from(s, 'latin1');
}

/** Strings in the 4.22 file are bytes too; we compare them decoded as UTF-8, as xl.cfg files are. */
function bytesToText(s: string): string {
  return utf8.decode(latin1Bytes(s));
}

function bytesValue(v: PlainValue): PlainValue {
  return typeof v === 'string' ? bytesToText(v) : v.map(bytesValue);
}

const PYTHON_LINES = new Set([
  'warning: Config file looks like it contains Python code.',
  'warning:  Arbitrary Python is no longer supported.',
  'warning:  See https://wiki.xen.org/wiki/PythonInXlConfig',
]);

function write(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file) && Buffer.compare(fs.readFileSync(file), Buffer.from(data)) === 0) return;
  fs.writeFileSync(file, data);
}

function json(v: unknown): string {
  return JSON.stringify(v, null, 2) + '\n';
}

function oracleVersion(oracle: string): string {
  const r = runOracleSync(oracle, Buffer.from('a=1\n')) as OracleReport & { reference?: { package: string; version: string } };
  return r.reference ? `xlcfg-oracle over Debian ${r.reference.package} ${r.reference.version}` : 'xlcfg-oracle';
}

function storedSettings(r: OracleReport): ExpectedOutcome['settings'] {
  return (r.settings ?? []).map((s) => ({
    name: s.name,
    op: s.op,
    line: s.line,
    value: s.value,
    ...(s.accumulated !== undefined ? { accumulated: s.accumulated } : {}),
  }));
}

function reduceEffective(r: OracleReport): ExpectedOutcome['effective'] {
  if (!r.effective) return null;
  const out: NonNullable<ExpectedOutcome['effective']> = {};
  for (const [name, e] of Object.entries(r.effective)) {
    const long = e.long
      ? {
          rc: e.long.rc,
          ...(e.long.decimal !== undefined ? { decimal: e.long.decimal } : {}),
          ...(e.long.messages?.length ? { message: e.long.messages[0].message } : {}),
        }
      : undefined;
    out[name] = { value: e.value, ...(long ? { long } : {}) };
  }
  return out;
}

function fromOracle(id: string, r: OracleReport, reference: string): ExpectedOutcome {
  const a = reduceReport(r);
  return {
    reference,
    id,
    ok: a.ok,
    crashed: a.crashed,
    errors: a.errors,
    pythonWarning: a.pythonWarning,
    settings: a.crashed ? [] : storedSettings(r),
    effective: reduceEffective(r),
  };
}

interface GrammarCase {
  id: string;
  input: string;
  accepted: boolean;
  crash: boolean;
  messages: string[];
  effective: Record<string, { line: number; value: PlainValue }> | null;
}

function recordGrammarCases(oracle: string | null, oracleRef: string): number {
  const file = path.join(shared, 'conformance', 'libxlutil-4.22', 'xl-cfg-grammar-cases.json');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { cases: GrammarCase[] };
  const dir = path.join(root, 'test', 'fixtures', 'conformance', 'libxlutil-4.22');
  const reference = 'Xen 4.22 libxlutil (../shared/conformance/libxlutil-4.22/xl-cfg-grammar-cases.json)';
  for (const c of doc.cases) {
    const bytes = latin1Bytes(c.input);
    const errors: ExpectedOutcome['errors'] = [];
    let pythonWarning = false;
    for (const m of c.messages) {
      if (PYTHON_LINES.has(m)) {
        pythonWarning = true;
        continue;
      }
      const match = /^test\.cfg:(\d+): ([\s\S]*)$/.exec(m);
      if (!match) throw new Error(`${c.id}: unexpected message ${JSON.stringify(m)}`);
      errors.push({ line: Number(match[1]), message: bytesToText(match[2]) });
    }
    const expected: ExpectedOutcome = {
      reference,
      id: c.id,
      ok: c.accepted,
      crashed: c.crash,
      errors,
      pythonWarning,
      effective: c.effective
        ? Object.fromEntries(Object.entries(c.effective).map(([k, v]) => [k, { line: v.line, value: bytesValue(v.value) }]))
        : null,
    };
    if (oracle) {
      const r = runOracleSync(oracle, bytes, ['--compact', '--no-specs']);
      const o = fromOracle(c.id, r, oracleRef);
      expected.settings = o.settings;
      expected.settingsReference = oracleRef;
      const notes: string[] = [];
      if (o.ok !== expected.ok || o.crashed !== expected.crashed) notes.push(`4.17 oracle: ok=${o.ok} crashed=${o.crashed}`);
      if (JSON.stringify(o.errors) !== JSON.stringify(expected.errors)) notes.push(`4.17 oracle errors: ${JSON.stringify(o.errors)}`);
      if (o.pythonWarning !== expected.pythonWarning) notes.push(`4.17 oracle pythonWarning=${o.pythonWarning}`);
      if (notes.length) {
        expected.notes = notes;
        console.warn(`note: ${c.id}: Xen 4.22 and the 4.17 oracle differ: ${notes.join('; ')}`);
      }
    }
    const name = c.id.replace(/[^A-Za-z0-9_.-]/g, '_');
    write(path.join(dir, `${name}.cfg`), bytes);
    write(path.join(dir, `${name}.expected.json`), json(expected));
  }
  return doc.cases.length;
}

/**
 * Inputs the 4.22 case list does not cover, each with why it matters. Bytes are given one
 * character per byte.
 */
const EXTRA_CASES: Array<{ id: string; bytes: string; why: string }> = [
  { id: 'nul-in-string', bytes: 'name="a\0b"\n', why: 'libxlutil asserts in its dequoting; xl dies with SIGABRT' },
  { id: 'nul-in-single-quoted-string', bytes: "a=1\nb='\0'\n", why: 'the same abort from a single-quoted string' },
  { id: 'nul-outside-string', bytes: 'a=1\n\0\nb=2\n', why: 'a NUL outside a string is an ordinary lexical error' },
  { id: 'nul-in-string-after-error', bytes: 'a=-1\nb="x\0y"\n', why: 'after the first error strings are no longer dequoted: no abort' },
  { id: 'nul-in-comment', bytes: '# a\0b\nx=1\n', why: 'a comment swallows any byte' },
  { id: 'invalid-utf8-in-string', bytes: 'name="\xff\xfe\xc3"\n', why: 'bytes are kept; not UTF-8' },
  { id: 'invalid-utf8-in-comment', bytes: '# \xff\xc3\nname="x"\n', why: 'comments take any byte' },
  { id: 'utf8-at-eof', bytes: 'name="x"\n\xc3\xa9', why: 'two illegal bytes at EOF are an error (the EOF quirk is one byte)' },
  { id: 'one-byte-at-eof-high', bytes: 'name="x"\n\xff', why: 'one illegal byte at EOF is ignored' },
  { id: 'cr-in-string', bytes: 'x="a\rb"\n', why: 'CR is ordinary inside a string' },
  { id: 'cr-in-comment', bytes: '# a\rb\nx=1\n', why: 'CR is ordinary inside a comment' },
  { id: 'formfeed-blank', bytes: 'x\f=1\n', why: 'only space and tab are blanks' },
  { id: 'plus-equals-at-eof', bytes: 'x+=', why: 'an operator with no value at EOF' },
  { id: 'plus-equals-string-onto-list', bytes: 'x=["a"]\nx+="b"\ny=1\n', why: 'the type mismatch in the other direction' },
  { id: 'plus-equals-chain-lists', bytes: 'x=[]\nx+=[[]]\nx+=["a",["b"]]\nx+=[]\n', why: 'list += keeps nesting' },
  { id: 'plus-equals-after-error', bytes: 'a=1\nb=-1\na+="x"\n', why: 'a += after the first error is dropped' },
  { id: 'deep-nesting', bytes: 'x=[[[[[[[[[[["deep"]]]]]]]]]],[]]\n', why: 'nesting to any depth' },
  { id: 'list-spanning-comment-eof', bytes: 'x=[1,\n# c\n2]', why: 'a list across lines ending at EOF without a newline' },
  { id: 'unclosed-list-eof', bytes: 'x=[1,\n2\n', why: 'an unclosed list runs into EOF' },
  { id: 'unterminated-string-eof', bytes: 'x="abc', why: 'an unterminated string at EOF' },
  { id: 'single-quote-eof', bytes: "x=1\n'", why: 'a lone quote as the last byte (EOF quirk)' },
  { id: 'comment-hash-eof', bytes: 'x=1\n#', why: 'a bare # as the last byte (EOF quirk)' },
  { id: 'comment-text-eof', bytes: 'x=1\n#c', why: 'a comment with text and no final newline' },
  { id: 'semicolon-only-eof', bytes: ';', why: 'an empty statement at EOF' },
  { id: 'equals-only', bytes: '=\n', why: 'an operator with no name' },
  { id: 'value-only', bytes: '"x"\n', why: 'a value with no name' },
  { id: 'ident-only-eof', bytes: 'x', why: 'a name with nothing after it at EOF' },
  { id: 'escapes-single-quoted', bytes: "x='\\a\\t\\\\\\''\n", why: 'escapes work in both quote styles' },
  { id: 'octal-escape-sign', bytes: 'x="a\\1-12b"\n', why: 'strtoul accepts a sign after the digit' },
  { id: 'error-then-many-lines', bytes: 'a=1\nb=\nc=2\nd=[\n"x"]\ne=@\nf=3\n', why: 'recovery after the first error keeps reporting' },
];

function recordExtraCases(oracle: string, oracleRef: string): number {
  const dir = path.join(root, 'test', 'fixtures', 'conformance', 'extra');
  for (const c of EXTRA_CASES) {
    const bytes = latin1Bytes(c.bytes);
    const r = runOracleSync(oracle, bytes, ['--compact', '--no-specs']);
    const expected = { ...fromOracle(c.id, r, oracleRef), why: c.why };
    write(path.join(dir, `${c.id}.cfg`), bytes);
    write(path.join(dir, `${c.id}.expected.json`), json(expected));
  }
  return EXTRA_CASES.length;
}

function recordOracleCases(): number {
  const src = path.join(shared, 'oracles', 'cases');
  const dir = path.join(root, 'test', 'fixtures', 'oracle-cases');
  let n = 0;
  for (const f of fs.readdirSync(src).filter((f) => f.endsWith('.cfg')).sort()) {
    const base = f.replace(/\.cfg$/, '');
    const report = JSON.parse(fs.readFileSync(path.join(src, `${base}.expected.json`), 'utf8')) as OracleReport & {
      reference?: { package: string; version: string };
    };
    const ref = report.reference ? `xlcfg-oracle over Debian ${report.reference.package} ${report.reference.version}` : 'xlcfg-oracle';
    const expected = fromOracle(base, report, `${ref} (../shared/oracles/cases/${base}.expected.json)`);
    write(path.join(dir, f), fs.readFileSync(path.join(src, f)));
    write(path.join(dir, `${base}.expected.json`), json(expected));
    n++;
  }
  return n;
}

function main(): void {
  if (!fs.existsSync(shared)) {
    console.error('record-conformance: ../shared is not beside the repository; nothing to record from');
    process.exit(2);
  }
  const oracle = findOracle();
  const oracleRef = oracle ? oracleVersion(oracle) : '';
  if (!oracle) console.warn('record-conformance: the oracle is not built (scripts/build-oracle.sh): no stored settings, no extra cases');
  const a = recordGrammarCases(oracle, oracleRef);
  const b = oracle ? recordExtraCases(oracle, oracleRef) : 0;
  const c = recordOracleCases();
  console.log(`record-conformance: ${a} libxlutil-4.22 cases, ${b} extra cases, ${c} oracle cases written under test/fixtures/`);
}

main();
