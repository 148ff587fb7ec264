// Table-driven tests of what the plan reads from disk specs: libxl's disk index per vdev and
// the fields (with exact source ranges) taken from `disk=[…]` entries.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { vdevIndex, readDiskEntries } from '../../../server/src/core/device-model/disk-entries';
import { parseConfig } from '../../../server/src/core/syntax/parse';
import { ConfigView } from '../../../server/src/core/model/config-view';
import { FIXTURE_DIR, readJson } from './fixture-support';

const vdevCases = readJson<{ cases: Array<[string, string, number | null]> }>(path.join(FIXTURE_DIR, 'vdev-index.json'))!.cases;

for (const [vdev, family, index] of vdevCases) {
  test(`vdev ${vdev}: ${family} ${index ?? '(no index)'}`, () => {
    const r = vdevIndex(vdev);
    assert.equal(r.family, family);
    assert.equal(r.index ?? null, index);
  });
}

interface EntryCase {
  spec: string;
  vdev: string;
  index: number;
  cdrom: boolean;
  readOnly: boolean;
  vdevAt?: string;
  accessAt?: string;
}

const entryCases = readJson<{ cases: EntryCase[] }>(path.join(FIXTURE_DIR, 'disk-entries.json'))!.cases;

for (const c of entryCases) {
  test(`disk entry ${JSON.stringify(c.spec)}`, () => {
    const prefix = 'disk = [ "';
    const text = `${prefix}${c.spec}" ]\n`;
    const view = new ConfigView(parseConfig(text).settings);
    const [e] = readDiskEntries(view, '4.20');
    const col = (r?: { start: number; end: number }) => (r ? `${r.start - prefix.length + 1}-${r.end - prefix.length + 1}` : undefined);
    assert.deepEqual(
      { vdev: e.vdev, index: e.index, cdrom: e.cdrom, readOnly: e.readOnly, vdevAt: col(e.vdevRange), accessAt: col(e.accessRange) },
      { vdev: c.vdev, index: c.index, cdrom: c.cdrom, readOnly: c.readOnly, vdevAt: c.vdevAt, accessAt: c.accessAt },
    );
  });
}
