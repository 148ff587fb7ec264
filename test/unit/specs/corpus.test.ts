// Optional cross-check: every disk, pci and vif-rate string of the 202 real configs in
// ../shared/corpus, whose real libxlutil 4.17 results are recorded in
// ../shared/corpus/real-expected/**.json (`specs`), parsed by ours for Xen 4.17.
// Skips, saying so, when ../shared/corpus is not beside the repository.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseDiskSpec } from '../../../server/src/core/specs/disk';
import { parsePciSpec } from '../../../server/src/core/specs/pci';
import { parseVifRate } from '../../../server/src/core/specs/vif';
import { diskToLibxl, pciToLibxl, sorted } from './libxl-json';
import { sharedDir } from './support';

const shared = sharedDir();
const expectedDir = shared ? path.join(shared, 'corpus', 'real-expected') : null;
const SKIP = expectedDir && fs.existsSync(expectedDir) ? false : 'no ../shared/corpus beside the repository: the spec cross-check with the real configs is skipped';

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []));
}

interface Recorded {
  specs?: {
    disk?: Array<{ spec: string | null; rc?: string; result?: Record<string, unknown> | null; messages?: Array<{ message: string }> }>;
    pci?: Array<{ spec: string | null; rc: string; result: Record<string, unknown> | null }>;
    vif?: Array<{ spec: string; rates: Array<{ rate: string; rc: string; rate_bytes_per_interval?: number; rate_interval_usecs?: number }> }>;
  } | null;
}

test('corpus: disk, pci and vif-rate specs agree with libxlutil 4.17', { skip: SKIP }, () => {
  let checked = 0;
  for (const file of walk(expectedDir!)) {
    const rec = JSON.parse(fs.readFileSync(file, 'utf8')) as Recorded;
    const where = path.relative(expectedDir!, file);
    for (const d of rec.specs?.disk ?? []) {
      if (d.spec === null) continue;
      const r = parseDiskSpec(d.spec, { xenVersion: '4.17' });
      assert.equal(r.spec.accepted, d.rc === 'OK', `${where}: ${d.spec}`);
      if (d.rc === 'OK') assert.deepEqual(sorted(diskToLibxl(r.spec)), sorted(d.result!), `${where}: ${d.spec}`);
      else assert.deepEqual(r.problems.map((p) => p.xenMessage), d.messages!.map((m) => m.message), `${where}: ${d.spec}`);
      checked++;
    }
    for (const p of rec.specs?.pci ?? []) {
      if (p.spec === null) continue;
      const r = parsePciSpec(p.spec, { xenVersion: '4.17' });
      assert.equal(r.spec.accepted, p.rc === 'OK', `${where}: ${p.spec}`);
      if (p.rc === 'OK') assert.deepEqual(sorted(pciToLibxl(r.spec)), sorted(p.result), `${where}: ${p.spec}`);
      checked++;
    }
    for (const v of rec.specs?.vif ?? []) {
      for (const rate of v.rates) {
        const r = parseVifRate(rate.rate);
        assert.equal('rate' in r, rate.rc === 'OK', `${where}: ${rate.rate}`);
        if ('rate' in r) {
          assert.equal(r.rate.bytesPerInterval, BigInt(rate.rate_bytes_per_interval!));
          assert.equal(r.rate.intervalUsecs, rate.rate_interval_usecs);
        }
        checked++;
      }
    }
  }
  assert.ok(checked >= 200, `only ${checked} specs found in the corpus recordings`);
});
