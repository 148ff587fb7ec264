// Differential test against the real thing: Debian's xl 4.17 (`xl -N create`, through
// .oracle/xl-dryrun-oracle) on every corpus config (../shared/corpus/real), every recorded
// xl case and every probe of test/fixtures/model/xl-4.17-probes. Wherever xl builds a domain, the configuration our model resolves for 4.17 must be
// the one xl prints; wherever xl stops, the model must stop with the same exit status. A
// config xl's parser rejects is the parser tests' business and is only checked for "rejected".
//
// Needs the built oracle (mkdir -p .oracle && cp -r ../shared/oracles/. .oracle/ && make -C
// .oracle) and skips, saying so, without it. Differences the model cannot close yet are listed
// in test/fixtures/model/oracle-known-gaps.json (XLCFG_UPDATE=1 rewrites it).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixturesDir, repoRoot, sharedDir } from '../../fuzz/support/paths';
import { modelOutcome, outcomeDifferences, type XlOutcome } from './outcome';
import { corpusFiles } from '../../support/corpus-files';

const oracleDir = path.join(repoRoot(), '.oracle');
const oracle = path.join(oracleDir, 'xl-dryrun-oracle');
const haveOracle = fs.existsSync(oracle) && fs.existsSync(path.join(oracleDir, 'build', 'xl-dryrun-shim.so'));
const SKIP_ORACLE = haveOracle
  ? false
  : 'the xl dry-run oracle is not built (mkdir -p .oracle && cp -r ../shared/oracles/. .oracle/ && make -C .oracle): differential test skipped';

const shared = sharedDir();
const corpusDir = shared ? path.join(shared, 'corpus', 'real') : null;
const haveCorpus = !!corpusDir && fs.existsSync(corpusDir);

// Debian's xl 4.17: XENFIRMWAREDIR of the package; pygrub is built in.
const DEBIAN_417 = { build: { pygrub: true, firmwareDir: '/usr/lib/xen-4.17/boot' } } as const;

const gapsFile = fixturesDir('model', 'oracle-known-gaps.json');
const gaps: Record<string, string> = fs.existsSync(gapsFile) ? JSON.parse(fs.readFileSync(gapsFile, 'utf8')) : {};
const update = process.env.XLCFG_UPDATE === '1';
const newGaps: Record<string, string> = {};

interface Subject {
  id: string;
  /** Directory to run xl in, and the file name as xl is given it (it appears in messages). */
  cwd: string;
  file: string;
}

const subjects: Subject[] = [];
if (haveOracle) {
  if (haveCorpus) for (const rel of corpusFiles(corpusDir!)) subjects.push({ id: `corpus:${rel}`, cwd: corpusDir!, file: rel });
  for (const [prefix, cases] of [['xl-case', fixturesDir('xl-cases')], ['probe', fixturesDir('model', 'xl-4.17-probes')]]) {
    for (const f of fs.readdirSync(cases).filter((x) => x.endsWith('.cfg')).sort()) {
      subjects.push({ id: `${prefix}:${f.slice(0, -4)}`, cwd: cases, file: f });
    }
  }
}

interface OracleReport {
  ok: boolean;
  exit_code: number;
  needed_hypervisor: boolean;
  config: Record<string, unknown> | null;
  signal?: string;
  stderr: string[];
}

function runOracle(s: Subject): Promise<OracleReport> {
  return new Promise((resolve, reject) => {
    execFile(oracle, [s.file], { cwd: s.cwd, maxBuffer: 64 << 20 }, (err, stdout) => {
      if (err && !stdout) return reject(err);
      try {
        resolve(JSON.parse(stdout) as OracleReport);
      } catch (e) {
        reject(e);
      }
    });
  });
}

// Runs the oracle over every subject, a few at a time, once.
const results = new Map<string, Promise<OracleReport>>();
let running = 0;
const queue: Array<() => void> = [];
function schedule(s: Subject): Promise<OracleReport> {
  let p = results.get(s.id);
  if (!p) {
    p = new Promise<OracleReport>((resolve, reject) => {
      const start = () => {
        running++;
        runOracle(s)
          .then(resolve, reject)
          .finally(() => {
            running--;
            queue.shift()?.();
          });
      };
      if (running < Math.max(2, os.cpus().length)) start();
      else queue.push(start);
    });
    results.set(s.id, p);
  }
  return p;
}

// Start every run now (a few at a time) so the tests below only wait for their answer.
for (const s of subjects) schedule(s).catch(() => undefined);

test('the differential test has something to compare', { skip: SKIP_ORACLE }, (t) => {
  assert.ok(subjects.length >= 410, `only ${subjects.length} configs to compare`);
  if (!haveCorpus) t.diagnostic('no ../shared/corpus beside the repository: only the recorded xl cases are compared');
});

for (const s of subjects) {
  test(`xl 4.17 dry run: ${s.id}`, { skip: SKIP_ORACLE }, async () => {
    const report = await schedule(s);
    const bytes = new Uint8Array(fs.readFileSync(path.join(s.cwd, s.file)));
    const ours = modelOutcome(bytes, '4.17', { sourceName: s.file, ...DEBIAN_417 });
    // The shim reports every SIGSEGV as "needed the hypervisor": on a config that is xl crashing.
    const xl: XlOutcome = {
      exitStatus: report.signal || report.needed_hypervisor ? null : report.exit_code,
      crashSignal: report.signal ?? (report.needed_hypervisor ? 'SIGSEGV' : null),
      stderr: report.stderr,
      dryRunJson: null,
    };
    let theirUuid: string | undefined;
    if (report.ok && report.config) {
      const json = JSON.parse(JSON.stringify(report.config)) as { c_info?: { uuid?: string } };
      theirUuid = json.c_info?.uuid;
      if (json.c_info) delete json.c_info.uuid;
      xl.dryRunJson = json as Record<string, unknown>;
    }
    let diffs = outcomeDifferences(ours, xl);
    // The shim makes a uuid up when the config has none; one the config sets must come through.
    const ourUuid = (ours.model?.config.c_info as { uuid?: string } | undefined)?.uuid;
    if (xl.dryRunJson && ours.dryRunJson && ourUuid && ourUuid !== theirUuid) {
      diffs = [...diffs, `c_info.uuid: ours ${ourUuid}, xl ${theirUuid}`];
    }
    if (update) {
      if (diffs.length) {
        const unmodelled = ours.model?.unmodelled ?? [];
        newGaps[s.id] = unmodelled.length ? `not modelled yet: ${unmodelled.join(', ')}` : `model differs: ${diffs[0].split('\n')[0]}`;
      }
      return;
    }
    if (gaps[s.id]) assert.ok(diffs.length > 0, `${s.id} now agrees with xl 4.17: remove it from oracle-known-gaps.json`);
    else assert.deepEqual(diffs, [], `${s.id}: the model disagrees with xl 4.17`);
  });
}

after(() => {
  if (update && haveOracle) fs.writeFileSync(gapsFile, JSON.stringify(newGaps, Object.keys(newGaps).sort(), 2) + '\n');
});
