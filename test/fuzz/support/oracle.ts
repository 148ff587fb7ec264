// Runs Xen's real parser: .oracle/build/xlcfg-oracle (built by scripts/build-oracle.sh from
// ../shared/oracles over Debian's libxlutil 4.17), and reduces its report to a XenAnswer.

import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { PlainError, PlainSetting, PlainValue, XenAnswer } from './answers';
import { repoRoot } from './paths';

export const ORACLE_ARGS = ['--compact', '--no-effective', '--no-specs'];

/** The built oracle, or null (then say how to build it). */
export function findOracle(): string | null {
  const p = process.env.XLCFG_ORACLE ?? path.join(repoRoot(), '.oracle', 'build', 'xlcfg-oracle');
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return p;
  } catch {
    return null;
  }
}

export const ORACLE_MISSING =
  'Xen reference oracle not built (.oracle/build/xlcfg-oracle): run scripts/build-oracle.sh (needs the Debian packages libxen-dev build-essential pkg-config)';

/** The oracle's JSON report, as it prints it. */
export interface OracleReport {
  ok: boolean;
  crashed?: boolean;
  signal?: string;
  errors?: Array<{ line: number | null; message: string }>;
  settings?: Array<{ name: string; op: '=' | '+='; line: number; value: PlainValue; accumulated?: PlainValue }>;
  rejected?: Array<{ name: string | null; op: string; line: number; reason: string }>;
  effective?: Record<string, { type: string; value: PlainValue; long?: { rc: string; decimal?: string; messages?: Array<{ line: number; message: string }> } }> | null;
  invalid_utf8?: boolean;
}

const PYTHON_WARNING = /^warning: Config file looks like it contains Python code\.$/;

export function reduceReport(r: OracleReport): XenAnswer {
  const errors: PlainError[] = [];
  let pythonWarning = false;
  for (const e of r.errors ?? []) {
    if (e.line === null) {
      if (PYTHON_WARNING.test(e.message)) pythonWarning = true;
      continue;
    }
    errors.push({ line: e.line, message: e.message });
  }
  const settings: PlainSetting[] = (r.settings ?? []).map((s) => ({
    name: s.name,
    op: s.op,
    line: s.line,
    value: s.value,
    ...(s.accumulated !== undefined ? { accumulated: s.accumulated } : {}),
  }));
  const effective = r.effective ? Object.fromEntries(Object.entries(r.effective).map(([k, v]) => [k, v.value])) : null;
  return { ok: r.ok, crashed: !!r.crashed, errors, pythonWarning, settings, effective };
}

function parseReport(stdout: string, status: number | null, stderr: string): OracleReport {
  // Exit 0: a report; 3: the library crashed (the report says so); anything else is our problem.
  if (status !== 0 && status !== 3) throw new Error(`xlcfg-oracle exited ${status}: ${stderr.trim()}`);
  return JSON.parse(stdout) as OracleReport;
}

export function runOracleSync(oracle: string, input: Uint8Array, extraArgs: string[] = ORACLE_ARGS): OracleReport {
  const r = spawnSync(oracle, [...extraArgs, '--source', 't.cfg', '-'], { input, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return parseReport(r.stdout.toString('utf8'), r.status, r.stderr.toString('utf8'));
}

export function runOracle(oracle: string, input: Uint8Array, extraArgs: string[] = ORACLE_ARGS): Promise<OracleReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(oracle, [...extraArgs, '--source', 't.cfg', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) => {
      try {
        resolve(parseReport(Buffer.concat(out).toString('utf8'), status, Buffer.concat(err).toString('utf8')));
      } catch (e) {
        reject(e);
      }
    });
    child.stdin.on('error', () => {
      // The oracle may exit before reading everything (it never does today); 'close' reports it.
    });
    child.stdin.end(Buffer.from(input));
  });
}

/** Runs many inputs through the oracle, `concurrency` processes at a time, answers in order. */
export async function runOracleMany(oracle: string, inputs: readonly Uint8Array[], concurrency: number): Promise<OracleReport[]> {
  const results: OracleReport[] = new Array(inputs.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < inputs.length) {
      const i = next++;
      results[i] = await runOracle(oracle, inputs[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return results;
}
