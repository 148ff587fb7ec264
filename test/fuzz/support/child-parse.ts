// Runs parseConfig in a separate Node process with a deadline, for inputs that might hang the
// parser or kill the process outright (a V8 fatal error cannot be caught, and a synchronous
// loop cannot be interrupted by the test runner's timeout).

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface ChildParse {
  /** The summary, when the child answered. */
  result?: { ok: boolean; crashes: boolean; errors: number; settings: number; firstError?: { xenLine: number; message: string }; ms: number };
  /** Why there is no result: a timeout, a signal or a crash, with the child's stderr. */
  failure?: string;
}

const CHILD = `
const fs = require('fs');
const { parseConfig } = require(process.argv[1]);
const input = fs.readFileSync(process.argv[2]);
const t0 = process.hrtime.bigint();
const p = parseConfig(input);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const e = p.errors[0];
process.stdout.write(JSON.stringify({ ok: p.ok, crashes: p.crashes, errors: p.errors.length, settings: p.settings.length,
  firstError: e ? { xenLine: e.xenLine, message: e.message } : undefined, ms }));
`;

export function parseInChild(input: string | Uint8Array, timeoutMs: number): ChildParse {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlcfg-robust-'));
  const file = path.join(dir, 'input.cfg');
  try {
    fs.writeFileSync(file, typeof input === 'string' ? Buffer.from(input, 'latin1') : input);
    const parseModule = path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'core', 'syntax', 'parse.js');
    const r = spawnSync(process.execPath, ['-e', CHILD, parseModule, file], { timeout: timeoutMs, maxBuffer: 1 << 24 });
    const errLines = (r.stderr?.toString('utf8') ?? '').split('\n').filter((l) => l.trim() !== '');
    // The line that names the error (a JS exception or a V8 fatal error), else the last ones.
    const named = errLines.filter((l) => /Error|Fatal|error:/.test(l)).slice(0, 2);
    const stderr = (named.length ? named : errLines.slice(-3)).map((l) => l.replace(/^#\s*/, '').trim()).join(' | ');
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { failure: `no answer within ${timeoutMs} ms (killed)` };
    if (r.error) return { failure: `could not run: ${r.error.message}` };
    if (r.status !== 0) return { failure: `the process died (${r.signal ?? `exit ${r.status}`}): ${stderr}` };
    return { result: JSON.parse(r.stdout.toString('utf8')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
