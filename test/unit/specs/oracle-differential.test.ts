// Differential test against Xen's own sub-parsers (Debian's libxlutil 4.17 through the
// reference oracle .oracle/build/xlcfg-oracle): a few thousand generated disk, pci, rdm and
// vif-rate strings, built from the pieces those languages are made of, must get the same
// verdict, the same device fields and (disk, rdm, vif rate) the same messages from ours.
// Deterministic (fixed seed). Skips, saying so, when the oracle is not built.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { findOracle, ORACLE_MISSING } from '../../fuzz/support/oracle';
import { parseDiskSpec } from '../../../server/src/core/specs/disk';
import { parsePciSpec } from '../../../server/src/core/specs/pci';
import { parseRdmSpec } from '../../../server/src/core/specs/rdm';
import { parseVifRate } from '../../../server/src/core/specs/vif';
import { diskToLibxl, pciToLibxl, sorted } from './libxl-json';
import { seededRandom } from '../../support/seeded-random';

const oracle = findOracle();
const SKIP = oracle ? false : ORACLE_MISSING;

function generator(seed: number, pieces: string[], maxPieces: number): () => string {
  const r = seededRandom(seed);
  return () => {
    const n = 1 + Math.floor(r() * maxPieces);
    let s = '';
    for (let i = 0; i < n; i++) s += pieces[Math.floor(r() * pieces.length)];
    return s;
  };
}

const DISK_PIECES = [
  ',', ',', ',', '=', ':', ' ', '  ', '/dev/vg/x', '/img', 'xvda', 'hdc', 'hda:cdrom', 'xvdb:disk', ':cdrom', 'r', 'w', 'rw', 'ro', 'x',
  'raw', 'qcow2', 'vhd', 'qed', 'empty', 'foo', 'Foo', 'phy:', 'file:', 'tap:', 'aio:', 'tap2:', 'qcow:', 'iscsi:', 'nbd:', 'drbd:', 'bogus:',
  'rbd:pool', 'format=', 'vdev=', 'access=', 'target=', 'devtype=', 'cdrom', 'disk', 'backend=', 'backendtype=', 'qdisk', 'script=',
  'specification=', 'virtio', 'discard', 'no-discard', 'direct-io-safe', 'trusted', 'untrusted', 'grant_usage=1', 'grant_usage=2',
  'colo', 'colo-port=', '9000', 'abc=', 'a=b', 'z', 'zz',
];
const PCI_PIECES = [
  '0000:', '01:', '1f:', 'ABCD:', '00.', '1f.', '20.', '0', '7', '8', '*', '@', '3', '1f', '20', ',', ',', '=', ' ', 'x', '0x1', ':',
  'permissive=', 'msitranslate=', 'seize=', 'power_mgmt=', 'rdm_policy=', 'strict', 'relaxed', 'RELAXED', 'bogus', 'name=', 'gpu0',
  'bdf=', 'vslot=', '1', 'yes', 'foo=', '.',
];
const RDM_PIECES = ['strategy=', 'policy=', 'host', 'Host', 'strict', 'relaxed', 'bogus', ',', ',', '=', 'x', ' '];
const RATE_PIECES = ['1', '0', '10', '010', '08', '4294967296', 'K', 'M', 'G', 'k', 'B', 'b', '/s', '@', 's', 'ms', 'us', 'm', 'u', '20', ' ', 'x'];

interface Msg {
  message: string;
}
interface Report {
  specs: {
    disk?: Array<{ spec: string; rc: string; result: Record<string, unknown> | null; messages: Msg[] }>;
    pci?: Array<{ spec: string; rc: string; result: Record<string, unknown> | null }>;
    rdm?: { spec: string; rc: string; messages: Msg[] };
    vif?: Array<{ spec: string; rates: Array<{ rate: string; rc: string; rate_bytes_per_interval?: number; rate_interval_usecs?: number; messages: Msg[] }> }>;
  } | null;
}

/** Quoting for the config file: the generated pieces contain no quote or backslash. */
function q(s: string): string {
  return `"${s}"`;
}

function runOracle(config: string): Report {
  const r = spawnSync(oracle!, ['--compact', '--no-effective', '--source', 't.cfg', '-'], { input: config, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`xlcfg-oracle exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.toString('utf8')) as Report;
}

test('differential: disk specs against libxlutil 4.17', { skip: SKIP }, () => {
  const gen = generator(17, DISK_PIECES, 7);
  const specs = Array.from({ length: 3000 }, gen);
  const report = runOracle(`disk = [ ${specs.map(q).join(',\n')} ]\n`);
  const got = report.specs!.disk!;
  assert.equal(got.length, specs.length);
  for (const d of got) {
    const r = parseDiskSpec(d.spec, { xenVersion: '4.17' });
    assert.equal(r.spec.accepted, d.rc === 'OK', `verdict for ${JSON.stringify(d.spec)}`);
    if (d.rc === 'OK') assert.deepEqual(sorted(diskToLibxl(r.spec)), sorted(d.result), `fields for ${JSON.stringify(d.spec)}`);
    assert.deepEqual(r.problems.map((p) => p.xenMessage), d.messages.map((m) => m.message), `messages for ${JSON.stringify(d.spec)}`);
  }
});

test('differential: pci specs against libxlutil 4.17', { skip: SKIP }, () => {
  const gen = generator(4, PCI_PIECES, 8);
  const specs = Array.from({ length: 3000 }, gen);
  const report = runOracle(`pci = [ ${specs.map(q).join(',\n')} ]\n`);
  const got = report.specs!.pci!;
  assert.equal(got.length, specs.length);
  for (const p of got) {
    const r = parsePciSpec(p.spec, { xenVersion: '4.17' });
    // A BDF without its '.function' is undefined behaviour in libxlutil (uninitialised offset).
    if (r.problems.some((x) => x.code === 'pci-bdf-undefined')) continue;
    assert.equal(r.spec.accepted, p.rc === 'OK', `verdict for ${JSON.stringify(p.spec)}`);
    if (p.rc === 'OK') assert.deepEqual(sorted(pciToLibxl(r.spec)), sorted(p.result), `fields for ${JSON.stringify(p.spec)}`);
  }
});

test('differential: rdm strings against libxlutil 4.17', { skip: SKIP }, () => {
  const gen = generator(6, RDM_PIECES, 6);
  for (let i = 0; i < 150; i++) {
    const s = gen();
    const rdm = runOracle(`rdm = ${q(s)}\n`).specs!.rdm!;
    const r = parseRdmSpec(s, { xenVersion: '4.17' });
    assert.equal(r.spec.accepted, rdm.rc === 'OK', `verdict for ${JSON.stringify(s)}`);
    assert.deepEqual(r.problems.map((p) => p.xenMessage).filter(Boolean), rdm.messages.map((m) => m.message), `messages for ${JSON.stringify(s)}`);
  }
});

test('differential: vif rates against libxlutil 4.17', { skip: SKIP }, () => {
  const gen = generator(15, RATE_PIECES, 6);
  const rates = Array.from({ length: 2000 }, gen).filter((s) => !s.includes(','));
  const report = runOracle(`vif = [ ${rates.map((s) => q(`rate=${s}`)).join(',\n')} ]\n`);
  for (const v of report.specs!.vif!) {
    for (const rate of v.rates) {
      const r = parseVifRate(rate.rate);
      assert.equal('rate' in r, rate.rc === 'OK', `verdict for ${JSON.stringify(rate.rate)}`);
      if ('rate' in r) {
        assert.equal(r.rate.bytesPerInterval, BigInt(rate.rate_bytes_per_interval!), rate.rate);
        assert.equal(r.rate.intervalUsecs, rate.rate_interval_usecs, rate.rate);
      } else {
        assert.deepEqual([`config parsing error${r.problem.xenMessage!.slice('config parsing error'.length)}`], rate.messages.map((m) => m.message), rate.rate);
      }
    }
  }
});
