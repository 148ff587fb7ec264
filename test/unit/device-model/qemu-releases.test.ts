// Table-driven tests of the QEMU the checks assume (the per-release default and the
// xlcfg.qemuVersion setting) and of the unplug features derived from it.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { assumedQemu } from '../../../server/src/core/device-model/qemu-releases';
import { XEN_VERSIONS, type XenVersion } from '../../../server/src/core/xen-version';
import { QEMU_SHIPPED_WITH_XEN } from '../../../server/src/core/device-model/qemu-releases';
import { FIXTURE_DIR, readJson } from './fixture-support';

interface Case {
  xen: XenVersion;
  setting: string;
  short: string;
  source: string;
  ahciUnplug: boolean;
  scsiUnplug: boolean;
}

for (const c of readJson<{ cases: Case[] }>(path.join(FIXTURE_DIR, 'qemu-assumptions.json'))!.cases) {
  test(`Xen ${c.xen} with qemuVersion ${JSON.stringify(c.setting)}`, () => {
    const q = assumedQemu(c.xen, c.setting || undefined);
    assert.deepEqual(
      { short: q.short, source: q.source, ahciUnplug: q.ahciUnplug, scsiUnplug: q.scsiUnplug },
      { short: c.short, source: c.source, ahciUnplug: c.ahciUnplug, scsiUnplug: c.scsiUnplug },
    );
  });
}

test('every modelled Xen release has a default QEMU', () => {
  for (const v of XEN_VERSIONS) assert.ok(QEMU_SHIPPED_WITH_XEN[v], v);
});
