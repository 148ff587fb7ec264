// Layout timing per config, for `npm run bench` (scripts/bench.ts can call benchLayout()).
// Run alone: `node out/scripts/bench-layout.js --run [FILE...]` (default: the layout
// fixtures and the examples). Without --run it does nothing (the unit-test runner loads every
// file under test/). Prints p50/p95 of the whole pipeline (parse → ConfigView → layout) and of
// the layout alone; the budget is < 2 ms p95 for a 1 KB config.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../server/src/core/syntax/parse';
import { ConfigView } from '../server/src/core/model/config-view';
import { parseHostProfile, type HostProfile } from '../server/src/core/host-profile';
import { buildLayoutInput, computeLayout } from '../server/src/core/layout';
import { NEWEST_XEN } from '../server/src/core/xen-version';
import { LAYOUT_FIXTURES, REPO_ROOT } from '../test/unit/layout/support';

export interface LayoutBench {
  file: string;
  bytes: number;
  pipelineP50Ms: number;
  pipelineP95Ms: number;
  layoutP50Ms: number;
  layoutP95Ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function hostFor(file: string): HostProfile | undefined {
  const p = path.join(path.dirname(file), 'xen-host.json');
  return fs.existsSync(p) ? parseHostProfile(fs.readFileSync(p, 'utf8')).profile : undefined;
}

export function benchLayout(files: string[], iterations = 300): LayoutBench[] {
  const out: LayoutBench[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const host = hostFor(file);
    const xen = host?.xenVersion ?? NEWEST_XEN;
    const total: number[] = [];
    const layout: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t0 = process.hrtime.bigint();
      const view = new ConfigView(parseConfig(text).settings);
      const t1 = process.hrtime.bigint();
      computeLayout(buildLayoutInput(view, { xen, host }));
      const t2 = process.hrtime.bigint();
      total.push(Number(t2 - t0) / 1e6);
      layout.push(Number(t2 - t1) / 1e6);
    }
    total.sort((a, b) => a - b);
    layout.sort((a, b) => a - b);
    out.push({
      file: path.relative(REPO_ROOT, file),
      bytes: Buffer.byteLength(text),
      pipelineP50Ms: percentile(total, 0.5),
      pipelineP95Ms: percentile(total, 0.95),
      layoutP50Ms: percentile(layout, 0.5),
      layoutP95Ms: percentile(layout, 0.95),
    });
  }
  return out;
}

export function defaultBenchFiles(): string[] {
  const files = fs
    .readdirSync(LAYOUT_FIXTURES)
    .map((n) => path.join(LAYOUT_FIXTURES, n, 'config.xl.cfg'))
    .filter((f) => fs.existsSync(f));
  const ex = path.join(REPO_ROOT, 'examples');
  if (fs.existsSync(ex)) for (const f of fs.readdirSync(ex)) if (f.endsWith('.cfg')) files.push(path.join(ex, f));
  return files;
}

if (require.main === module && process.argv.includes('--run')) {
  const args = process.argv.slice(2).filter((a) => a !== '--run');
  const rows = benchLayout(args.length ? args : defaultBenchFiles());
  for (const r of rows) {
    console.log(`${r.file.padEnd(60)} ${String(r.bytes).padStart(5)} B  layout p50 ${r.layoutP50Ms.toFixed(3)} ms p95 ${r.layoutP95Ms.toFixed(3)} ms  pipeline p95 ${r.pipelineP95Ms.toFixed(3)} ms`);
  }
  const worst = Math.max(...rows.map((r) => r.pipelineP95Ms));
  console.log(`worst pipeline p95: ${worst.toFixed(3)} ms (budget 2 ms)`);
}
