// Differential fuzz: thousands of random configs, valid and broken, each parsed by Xen's real
// libxlutil (.oracle/build/xlcfg-oracle, built by scripts/build-oracle.sh) and by parseConfig.
// They must agree on accept/reject (a libxlutil abort counts as reject), the line of the first
// error and every stored setting (name, operator, line, value, and the `+=` result). The first
// error's message, later errors and the "looks like Python" warning are compared and reported
// but do not fail the run (bison's recovery after an error is best-effort).
//
//   XLCFG_FUZZ_N=3000        how many inputs
//   XLCFG_FUZZ_SEED=<u32>    the seed (printed on every run; random when unset)
//   XLCFG_FUZZ_EXAMPLES=3    how many examples to show per kind of disagreement
//   XLCFG_FUZZ_JOBS=4        oracle processes at a time
//
// Run: node --test out/test/fuzz/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'crypto';
import { parseConfig } from '../../server/src/core/syntax/parse';
import { compareAnswers, ourAnswer, type Disagreement, type OurAnswer, type XenAnswer } from './support/answers';
import { generateConfig, inputLiteral, Rng } from './support/generate';
import { findOracle, ORACLE_MISSING, reduceReport, runOracleMany, runOracleSync } from './support/oracle';
import { shrink } from './support/shrink';

const oracle = findOracle();

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, not ${JSON.stringify(v)}`);
  return n;
}

type Kind = Disagreement['kind'] | 'throws';

/** What fails the run; the rest (messages, later errors, the Python warning) is reported. */
const FAILING: ReadonlySet<Kind> = new Set<Kind>(['throws', 'ok', 'crash', 'first-error-line', 'settings', 'effective']);

interface Failure {
  index: number;
  input: string;
  kind: Kind;
  detail: string;
  ours?: OurAnswer;
  xen: XenAnswer;
}

function oursOf(input: string): OurAnswer | Error {
  try {
    return ourAnswer(parseConfig(Buffer.from(input, 'latin1')));
  } catch (e) {
    return e as Error;
  }
}

function disagreements(input: string, xen: XenAnswer): Array<{ kind: Kind; detail: string; ours?: OurAnswer }> {
  const ours = oursOf(input);
  if (ours instanceof Error) return [{ kind: 'throws', detail: `parseConfig threw: ${ours.stack ?? ours.message}` }];
  return compareAnswers(ours, xen).map((d) => ({ ...d, ours }));
}

function summary(a: XenAnswer | OurAnswer | undefined): string {
  if (!a) return '(threw)';
  const errs = a.errors.map((e) => `line ${e.line}: ${e.message}`);
  const sets = a.settings.map((s) => `${s.name} ${s.op} ${JSON.stringify(s.value)}@${s.line}${s.op === '+=' && s.accumulated !== undefined ? `→${JSON.stringify(s.accumulated)}` : ''}`);
  return JSON.stringify({ ok: a.ok, crashed: a.crashed, python: a.pythonWarning, errors: errs, settings: sets });
}

test('differential fuzz against Xen\'s libxlutil', { skip: oracle ? false : ORACLE_MISSING, timeout: 10 * 60 * 1000 }, async (t) => {
  const n = envInt('XLCFG_FUZZ_N', 3000);
  const seed = process.env.XLCFG_FUZZ_SEED ? envInt('XLCFG_FUZZ_SEED', 0) >>> 0 : randomInt(0, 2 ** 32 - 1);
  const examples = envInt('XLCFG_FUZZ_EXAMPLES', 3);
  const jobs = Math.max(1, envInt('XLCFG_FUZZ_JOBS', 4));
  const rerun = `XLCFG_FUZZ_SEED=${seed} XLCFG_FUZZ_N=${n} node --test out/test/fuzz/`;
  t.diagnostic(`seed ${seed}; reproduce with: ${rerun}`);
  process.stderr.write(`xlcfg fuzz: seed ${seed}, ${n} inputs\n`);

  const rng = new Rng(seed);
  const inputs = Array.from({ length: n }, () => generateConfig(rng));
  const started = Date.now();
  const reports = await runOracleMany(oracle!, inputs.map((s) => Buffer.from(s, 'latin1')), jobs);
  const oracleMs = Date.now() - started;

  const byKind = new Map<Kind, Failure[]>();
  const stats = { accepted: 0, rejected: 0, crashed: 0 };
  const parseStarted = Date.now();
  for (let i = 0; i < n; i++) {
    const xen = reduceReport(reports[i]);
    if (xen.crashed) stats.crashed++;
    else if (xen.ok) stats.accepted++;
    else stats.rejected++;
    for (const d of disagreements(inputs[i], xen)) {
      let list = byKind.get(d.kind);
      if (!list) byKind.set(d.kind, (list = []));
      list.push({ index: i, input: inputs[i], kind: d.kind, detail: d.detail, ours: d.ours, xen });
    }
  }
  const parseMs = Date.now() - parseStarted;
  t.diagnostic(
    `${n} inputs: Xen accepted ${stats.accepted}, rejected ${stats.rejected}, aborted on ${stats.crashed}; ` +
      `oracle ${oracleMs} ms (${jobs} at a time), parseConfig ${parseMs} ms`,
  );

  const hard: string[] = [];
  for (const [kind, failures] of byKind) {
    const fails = FAILING.has(kind);
    const lines: string[] = [
      `${fails ? 'DISAGREEMENT' : 'note (best-effort, not a failure)'} [${kind}]: ${failures.length} of ${n} inputs (seed ${seed})`,
    ];
    for (const [k, f] of failures.slice(0, examples).entries()) {
      lines.push(`  input #${f.index}: ${inputLiteral(f.input)}`);
      // Shrinking costs an oracle run per attempt: only the first example of each kind.
      if (fails && k === 0) {
        const small = shrink(f.input, (c) => {
          const xen = reduceReport(runOracleSync(oracle!, Buffer.from(c, 'latin1')));
          return disagreements(c, xen).some((d) => d.kind === kind);
        }, 250);
        if (small !== f.input) {
          const xen = reduceReport(runOracleSync(oracle!, Buffer.from(small, 'latin1')));
          const d = disagreements(small, xen).find((x) => x.kind === kind)!;
          lines.push(`  shrunk to: ${inputLiteral(small)}`);
          lines.push(`    ${d.detail}`);
          lines.push(`    ours: ${summary(d.ours)}`);
          lines.push(`    Xen:  ${summary(xen)}`);
          continue;
        }
      }
      lines.push(`    ${f.detail}`);
      lines.push(`    ours: ${summary(f.ours)}`);
      lines.push(`    Xen:  ${summary(f.xen)}`);
    }
    for (const l of lines) t.diagnostic(l);
    if (fails) hard.push(lines.join('\n'));
  }
  assert.equal(hard.length, 0, `parseConfig disagrees with Xen (seed ${seed}; rerun: ${rerun}):\n${hard.join('\n')}`);
  // A generator that only makes valid (or only broken) files would prove little.
  if (n >= 500) assert.ok(stats.accepted >= n / 10 && stats.rejected >= n / 10, `the generator is lopsided: ${JSON.stringify(stats)}`);
});
