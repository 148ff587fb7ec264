// Our disk, pci, rdm and vif-rate parsers against libxlutil 4.17's own sub-parsers on the
// specs of reference oracle case 19 (recorded in test/fixtures/specs/oracle-4.17-device-specs.json):
// the same verdict, the same resulting device fields, the same messages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDiskSpec } from '../../../server/src/core/specs/disk';
import { parsePciSpec, readBdf } from '../../../server/src/core/specs/pci';
import { parseRdmSpec } from '../../../server/src/core/specs/rdm';
import { parseVifSpec } from '../../../server/src/core/specs/vif';
import { diskToLibxl, pciToLibxl, sorted } from './libxl-json';
import { readJson, specFixture } from './support';

interface Message {
  message: string;
}
interface OracleSpecs {
  disk: Array<{ spec: string | null; rc?: string; result?: Record<string, unknown> | null; messages?: Message[] }>;
  pci: Array<{ spec: string | null; rc: string; result: Record<string, unknown> | null; messages: Message[]; bdf: { rc: string; result: Record<string, unknown> | null } }>;
  rdm: { spec: string; rc: string; messages: Message[] };
  vif: Array<{ spec: string; rates: Array<{ rate: string; rc: string; rate_bytes_per_interval?: number; rate_interval_usecs?: number; messages: Message[] }> }>;
}

const oracle = readJson<{ xen: '4.17'; specs: OracleSpecs }>(specFixture('oracle-4.17-device-specs.json'));
const xenVersion = oracle.xen;

test('oracle: disk specs', () => {
  const disks = oracle.specs.disk.filter((d) => d.spec !== null);
  assert.ok(disks.length >= 7);
  for (const d of disks) {
    const r = parseDiskSpec(d.spec!, { xenVersion });
    assert.equal(r.spec.accepted, d.rc === 'OK', d.spec!);
    if (d.rc === 'OK') assert.deepEqual(sorted(diskToLibxl(r.spec)), sorted(d.result!), d.spec!);
    assert.deepEqual(r.problems.map((p) => p.xenMessage), d.messages!.map((m) => m.message), d.spec!);
  }
});

test('oracle: pci specs and BDFs', () => {
  for (const p of oracle.specs.pci) {
    const r = parsePciSpec(p.spec!, { xenVersion });
    assert.equal(r.spec.accepted, p.rc === 'OK', p.spec!);
    if (p.rc === 'OK') assert.deepEqual(sorted(pciToLibxl(r.spec)), sorted(p.result), p.spec!);
    const b = readBdf(p.spec!);
    assert.equal(b.ok, p.bdf.rc === 'OK', `bdf ${p.spec}`);
    if (b.ok) assert.deepEqual(sorted(pciToLibxl({ bdf: b.bdf, options: [], accepted: true })), sorted(p.bdf.result), `bdf ${p.spec}`);
  }
});

test('oracle: rdm', () => {
  const r = parseRdmSpec(oracle.specs.rdm.spec, { xenVersion });
  assert.equal(r.spec.accepted, oracle.specs.rdm.rc === 'OK');
  assert.deepEqual(r.problems.map((p) => p.xenMessage).filter(Boolean), oracle.specs.rdm.messages.map((m) => m.message));
});

test('oracle: vif rates', () => {
  for (const v of oracle.specs.vif) {
    const r = parseVifSpec(v.spec, { xenVersion });
    for (const rate of v.rates) {
      const msgs = r.problems.filter((p) => p.code.startsWith('vif-rate')).map((p) => `config parsing error${p.xenMessage!.slice('config parsing error'.length)}`);
      assert.deepEqual(msgs, rate.messages.map((m) => m.message), v.spec);
      if (rate.rc === 'OK') {
        assert.equal(r.spec.rate?.value.bytesPerInterval, BigInt(rate.rate_bytes_per_interval!), v.spec);
        assert.equal(r.spec.rate?.value.intervalUsecs, rate.rate_interval_usecs, v.spec);
      } else assert.equal(r.spec.accepted, false, v.spec);
    }
  }
});
