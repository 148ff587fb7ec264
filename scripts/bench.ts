// Performance figures, each next to its budget: `npm run bench` (builds, then runs
// out/scripts/bench.js). Prints a table and writes bench-results/bench.json.
//
//   parse throughput      parseConfig on a ~4 MB generated config, next to Xen's C parser
//                         (xlcfg-oracle --bench, libxlutil's xlu_cfg_readdata) on the same file
//                         when the oracle is built (scripts/build-oracle.sh); budget ≥ 0.5× C
//   edit → diagnostics    analyze() (parse + every rule) after a one-line edit, p50/p95,
//                         on a 1 KB and a 100 KB config; budget p95 < 2 ms and < 20 ms
//   cold start            `node dist/server.js --stdio`: spawn → initialize → didOpen → the
//                         first publishDiagnostics; budget < 100 ms
//   peak memory           the language server's peak RSS (VmHWM) after opening and editing
//                         the 1 KB and the 100 KB config; budget < 60 MiB
//   layout time           p50/p95 of the layout engine on every worked example (measureLayout)
//
// Benchmarks print numbers; they do not fail on a missed budget (the exit status is 0 unless
// the benchmark itself could not run).

import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseConfig } from '../server/src/core/syntax/parse';
import { analyze } from '../server/src/core/analyze';
import { largeConfig } from '../test/fuzz/support/large-config';
import { findOracle } from '../test/fuzz/support/oracle';
import { benchLayout, defaultBenchFiles } from './bench-layout';
import { repoRoot, sharedDir } from '../test/fuzz/support/paths';

interface Figure {
  name: string;
  value: string;
  budget: string;
  /** true: within budget, false: over, null: not measured or no budget. */
  ok: boolean | null;
  raw?: unknown;
}

const root = repoRoot(__dirname);
const outDir = path.join(root, 'bench-results');
const figures: Figure[] = [];

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1) + 0.5))];
}

// ---- inputs --------------------------------------------------------------------------------

/** The 100k-line file the C parser's own benchmark uses (../shared), else our equivalent. */
function largeInput(): { file: string; bytes: Buffer; generator: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'large-100k.cfg');
  const shared = sharedDir();
  const script = shared ? path.join(shared, 'oracles', 'scripts', 'gen-large-config.sh') : null;
  if (script && fs.existsSync(script)) {
    const r = spawnSync('bash', [script, '100000'], { maxBuffer: 1 << 28 });
    if (r.status === 0) {
      fs.writeFileSync(file, r.stdout);
      return { file, bytes: r.stdout, generator: '../shared/oracles/scripts/gen-large-config.sh 100000' };
    }
  }
  const bytes = Buffer.from(largeConfig(100000), 'latin1');
  fs.writeFileSync(file, bytes);
  return { file, bytes, generator: 'test/fuzz/support/large-config.ts largeConfig(100000)' };
}

/** A realistic HVM guest of about 1 KB. */
const GUEST_1K = `# A Windows workstation guest with a passed-through GPU.
name = "bench-guest"
type = "hvm"
memory = 8192
maxmem = 8192
vcpus = 4
cpus = "2-5"
firmware = "seabios"
boot = "dc"
vga = "stdvga"
videoram = 16
vnc = 1
vnclisten = "127.0.0.1"
usb = 1
usbdevice = "tablet"
serial = "pty"
on_poweroff = "destroy"
on_reboot = "restart"
on_crash = "restart"
disk = [ 'phy:/dev/vg0/bench,hda,w',
         'file:/srv/iso/installer.iso,hdc:cdrom,r' ]
vif = [ 'mac=00:16:3e:4a:10:01,bridge=xenbr0,model=e1000' ]
pci = [ '0000:01:00.0', '0000:01:00.1' ]
mmio_hole = 2048
viridian = [ "defaults" ]
device_model_args = [ "-no-shutdown" ]
`;

/**
 * The 1 KB guest grown to about 100 KB the way big real configs grow: long comment blocks and a
 * long disk list (300 disks, one per line, each with its own comment), every key a real one.
 */
function guest100k(): string {
  const vdev = (i: number) => `xvd${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`;
  let disks = 'disk = [\n';
  for (let i = 0; i < 300; i++) disks += `    # volume ${i} of the storage pool, moved from the old array\n    'phy:/dev/vg0/bench-${i},${vdev(i)},w',\n`;
  disks += ']\n';
  let s = GUEST_1K.replace(/^disk = \[[^\]]*\]\n/m, disks);
  for (let i = 0; s.length < 100 * 1024; i++) {
    s += `# ${i}: notes kept with the config: who owns this guest, when it was last migrated, why.\n`;
  }
  return s;
}

// ---- parse throughput ----------------------------------------------------------------------

function benchParse(input: { file: string; bytes: Buffer; generator: string }): void {
  const mb = input.bytes.length / 1e6;
  for (let i = 0; i < 2; i++) parseConfig(input.bytes); // warm-up
  let best = Infinity;
  let settings = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = nowMs();
    const p = parseConfig(input.bytes);
    best = Math.min(best, nowMs() - t0);
    settings = p.settings.length;
  }
  const ours = mb / (best / 1000);
  const oracle = findOracle();
  let cMbps: number | null = null;
  let cNote = 'xlcfg-oracle not built (scripts/build-oracle.sh)';
  if (oracle) {
    const r = spawnSync(oracle, ['--bench', '5', input.file], { maxBuffer: 1 << 24 });
    if (r.status === 0) {
      const j = JSON.parse(r.stdout.toString('utf8')) as { xlu_cfg_readdata: { best_MB_per_s: number; best_s: number } };
      cMbps = j.xlu_cfg_readdata.best_MB_per_s;
      cNote = `C ${cMbps.toFixed(1)} MB/s (xlu_cfg_readdata, best of 5: ${(j.xlu_cfg_readdata.best_s * 1000).toFixed(1)} ms)`;
    } else {
      cNote = `xlcfg-oracle --bench failed: ${r.stderr.toString('utf8').trim()}`;
    }
  }
  figures.push({
    name: `parse throughput (${mb.toFixed(2)} MB, ${settings} settings)`,
    value: `${ours.toFixed(1)} MB/s (best of 5: ${best.toFixed(0)} ms)`,
    budget: cMbps !== null ? `≥ ${(cMbps / 2).toFixed(1)} MB/s (0.5× ${cNote})` : `≥ 0.5× C (${cNote})`,
    ok: cMbps !== null ? ours >= cMbps / 2 : null,
    raw: { file: input.file, generator: input.generator, bytes: input.bytes.length, bestMs: best, mbps: ours, cMbps, ratio: cMbps ? ours / cMbps : null },
  });
}

// ---- edit → diagnostics ----------------------------------------------------------------------

function benchEdits(label: string, text: string, runs: number, budgetMs: number): void {
  // Each run is one keystroke: the memory line changes, the whole document is analysed again.
  const edited = (i: number) => text.replace(/^memory = \d+$/m, `memory = ${4096 + (i % 4096)}`);
  for (let i = 0; i < Math.min(50, runs); i++) analyze(edited(i)); // warm-up
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const doc = edited(i + 1000);
    const t0 = nowMs();
    const a = analyze(doc);
    times.push(nowMs() - t0);
    findings = a.findings.length;
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 0.5);
  const p95 = percentile(times, 0.95);
  figures.push({
    name: `edit → diagnostics, ${label} (${(text.length / 1024).toFixed(0)} KiB, ${findings} findings, ${runs} edits)`,
    value: `p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`,
    budget: `p95 < ${budgetMs} ms`,
    ok: p95 < budgetMs,
    raw: { bytes: text.length, runs, p50, p95, max: times[times.length - 1] },
  });
}

// ---- the language server: cold start and memory -------------------------------------------

interface LspRun {
  coldStartMs: number;
  /** VmHWM right after the first diagnostics for the 1 KB document. */
  startRssKiB: number | null;
  peakRssKiB: number | null;
}

/** A minimal LSP client over stdio (Content-Length framing). */
function startServer(serverJs: string) {
  const t0 = nowMs();
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = Buffer.alloc(0);
  let nextId = 1;
  const waiters: Array<{ match: (m: any) => boolean; resolve: (m: any) => void }> = [];
  const send = (msg: object) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const headerEnd = buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, headerEnd).toString('ascii'));
      if (!m) throw new Error('bench: bad LSP header from the server');
      const len = Number(m[1]);
      if (buf.length < headerEnd + 4 + len) return;
      const msg = JSON.parse(buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8'));
      buf = buf.subarray(headerEnd + 4 + len);
      // Answer the server's own requests (configuration, registrations) so it never waits.
      if (msg.id !== undefined && msg.method) {
        const result = msg.method === 'workspace/configuration' ? (msg.params?.items ?? []).map(() => null) : null;
        send({ id: msg.id, result });
      }
      for (let i = 0; i < waiters.length; i++) {
        if (waiters[i].match(msg)) {
          waiters.splice(i, 1)[0].resolve(msg);
          i--;
        }
      }
    }
  });
  const waitFor = (match: (m: any) => boolean, what: string, ms = 10000) =>
    new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench: no ${what} from the server within ${ms} ms`)), ms);
      waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  const request = (method: string, params: unknown) => {
    const id = nextId++;
    send({ id, method, params });
    return waitFor((m) => m.id === id && !m.method, `answer to ${method}`);
  };
  const notify = (method: string, params: unknown) => send({ method, params });
  const diagnosticsFor = (uri: string, version: number) =>
    waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (m.params.version ?? version) === version, `diagnostics for ${uri} v${version}`);
  const peakRssKiB = (): number | null => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : null;
    } catch {
      return null; // not Linux
    }
  };
  return { child, t0, request, notify, diagnosticsFor, peakRssKiB };
}

async function lspRun(serverJs: string, small: string, large: string, edits: number): Promise<LspRun> {
  const s = startServer(serverJs);
  try {
    await s.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    s.notify('initialized', {});
    const uri = 'file:///bench/guest.xl.cfg';
    const first = s.diagnosticsFor(uri, 1);
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'xlcfg', version: 1, text: small } });
    await first;
    const coldStartMs = nowMs() - s.t0;
    const startRssKiB = s.peakRssKiB();
    // Memory: the large document open and edited a few times as well.
    const bigUri = 'file:///bench/big.xl.cfg';
    const big = s.diagnosticsFor(bigUri, 1);
    s.notify('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'xlcfg', version: 1, text: large } });
    await big;
    for (let v = 2; v < 2 + edits; v++) {
      const done = s.diagnosticsFor(bigUri, v);
      s.notify('textDocument/didChange', {
        textDocument: { uri: bigUri, version: v },
        contentChanges: [{ text: large.replace(/^memory = \d+$/m, `memory = ${4096 + v}`) }],
      });
      await done;
    }
    const peakRssKiB = s.peakRssKiB();
    await s.request('shutdown', null);
    s.notify('exit', null);
    return { coldStartMs, startRssKiB, peakRssKiB };
  } finally {
    setTimeout(() => s.child.kill(), 2000).unref();
  }
}

async function benchServer(small: string, large: string): Promise<void> {
  const serverJs = path.join(root, 'dist', 'server.js');
  if (!fs.existsSync(serverJs)) {
    figures.push({ name: 'cold start to first diagnostics', value: 'not measured: dist/server.js missing (npm run build)', budget: '< 100 ms', ok: null });
    figures.push({ name: 'language server peak memory', value: 'not measured', budget: '< 60 MiB', ok: null });
    return;
  }
  const runs: LspRun[] = [];
  for (let i = 0; i < 7; i++) runs.push(await lspRun(serverJs, small, large, 20));
  const starts = runs.map((r) => r.coldStartMs).sort((a, b) => a - b);
  const median = percentile(starts, 0.5);
  figures.push({
    name: `cold start to first diagnostics (node dist/server.js --stdio, ${runs.length} runs)`,
    value: `median ${median.toFixed(0)} ms (min ${starts[0].toFixed(0)}, max ${starts[starts.length - 1].toFixed(0)})`,
    budget: '< 100 ms',
    ok: median < 100,
    raw: starts,
  });
  const starts1k = runs.map((r) => r.startRssKiB).filter((x): x is number => x !== null);
  if (starts1k.length) {
    figures.push({
      name: 'language server memory after cold start (VmHWM; the 1 KB document open)',
      value: `${(Math.max(...starts1k) / 1024).toFixed(1)} MiB`,
      budget: '< 60 MiB',
      ok: Math.max(...starts1k) / 1024 < 60,
      raw: starts1k,
    });
  }
  const peaks = runs.map((r) => r.peakRssKiB).filter((x): x is number => x !== null);
  const peak = peaks.length ? Math.max(...peaks) / 1024 : null;
  figures.push({
    name: 'language server peak memory (VmHWM; 1 KB + 100 KB documents, 20 edits)',
    value: peak !== null ? `${peak.toFixed(1)} MiB` : 'not measured (no /proc)',
    budget: '< 60 MiB',
    ok: peak !== null ? peak < 60 : null,
    raw: peaks,
  });
}

// ---- layout ----------------------------------------------------------------------------------

/**
 * Layout time per config: the layout engine's own figure (the e820/MMIO-hole computation for
 * the 1 KB guest and a worst case) belongs here, as one more entry in `figures` with its budget.
 * Until the layout engine exposes an entry point to time, the table says it is not measured.
 */
function measureLayout(): void {
  // Every layout fixture (the reference's worked examples) and the bundled examples.
  const rows = benchLayout(defaultBenchFiles(), 200);
  const p50s = rows.map((r) => r.layoutP50Ms).sort((a, b) => a - b);
  const worstP95 = Math.max(...rows.map((r) => r.layoutP95Ms));
  const worstPipeline = Math.max(...rows.map((r) => r.pipelineP95Ms));
  figures.push({
    name: `layout time per config (${rows.length} configs)`,
    value: `median p50 ${p50s[Math.floor(p50s.length / 2)].toFixed(3)} ms, worst p95 ${worstP95.toFixed(3)} ms`,
    budget: 'part of the 2 ms edit budget',
    ok: worstPipeline < 2,
    raw: rows,
  });
  figures.push({
    name: 'parse + layout, worst config p95',
    value: `${worstPipeline.toFixed(3)} ms`,
    budget: '< 2 ms',
    ok: worstPipeline < 2,
  });
}

// ---- report ----------------------------------------------------------------------------------

function report(): void {
  const rows = figures.map((f) => [f.ok === null ? '  ' : f.ok ? 'ok' : '!!', f.name, f.value, f.budget]);
  const nameW = Math.max(...rows.map((r) => r[1].length));
  const valueW = Math.max(...rows.map((r) => r[2].length));
  console.log(`\nxlcfg benchmark (${new Date().toISOString()}, Node ${process.version}, ${process.platform}/${process.arch})\n`);
  for (const r of rows) console.log(`${r[0]}  ${r[1].padEnd(nameW)}  ${r[2].padEnd(valueW)}  budget ${r[3]}`);
  console.log('\nok: within budget, !!: over budget, blank: not measured');
  const bench = { date: new Date().toISOString(), node: process.version, figures };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'bench.json'), JSON.stringify(bench, null, 2) + '\n');
  console.log(`(also written to bench-results/bench.json; bench process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB)`);
}

async function main(): Promise<void> {
  // Latency first: the throughput run leaves hundreds of MiB of garbage whose collection
  // would otherwise land in the middle of the edit timings.
  const big = guest100k();
  benchEdits('1 KB', GUEST_1K, 1000, 2);
  benchEdits('100 KB', big, 100, 20);
  measureLayout();
  await benchServer(GUEST_1K, big);
  benchParse(largeInput());
  report();
}

main().catch((e) => {
  console.error(`bench: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
