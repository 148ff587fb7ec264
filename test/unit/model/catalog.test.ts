// The key catalog against what xl reads in each release (test/fixtures/model/
// xl-keys-by-release.json, the keys tools/xl/xl_parse.c looks up at each release tag), and
// the release-dependent facts the catalog carries.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { allKeys, behaviourAt, defaultAt, enumValueAccepted, keyInfo, keysFor, KEY_ENTRIES } from '../../../server/src/core/catalog';
import { XEN_VERSIONS } from '../../../server/src/core/xen-version';
import { fixturesDir } from '../../fuzz/support/paths';

const byRelease = JSON.parse(fs.readFileSync(fixturesDir('model', 'xl-keys-by-release.json'), 'utf8')).keys as Record<string, string[]>;

test('the catalog has one entry per key, 172 in all', () => {
  const names = KEY_ENTRIES.map((e) => e.name);
  assert.equal(new Set(names).size, names.length, 'duplicate names');
  assert.equal(names.length, 172);
});

for (const release of XEN_VERSIONS) {
  test(`Xen ${release}: the catalog knows exactly the keys xl reads`, () => {
    const expected = byRelease[release];
    assert.ok(expected, `no recorded key list for ${release}`);
    const ours = allKeys(release).map((e) => e.name).sort();
    assert.deepEqual(ours, [...expected].sort());
    for (const k of expected) assert.ok(keyInfo(k, release), `keyInfo(${k}, ${release})`);
  });
}

test('keys arrive with their release', () => {
  assert.equal(keyInfo('xenstore_quota', '4.21'), undefined);
  assert.ok(keyInfo('xenstore_quota', '4.22'));
  assert.equal(keyInfo('smbios', '4.17'), undefined);
  assert.ok(keyInfo('smbios', '4.18'));
  assert.equal(keyInfo('no_such_key', '4.22'), undefined);
});

test('enum values follow the release: qemu-xen-traditional is refused from 4.21', () => {
  const e20 = keyInfo('device_model_version', '4.20')!;
  const e21 = keyInfo('device_model_version', '4.21')!;
  assert.ok(enumValueAccepted(e20, 'qemu-xen-traditional', '4.20'));
  assert.ok(!enumValueAccepted(e21, 'qemu-xen-traditional', '4.21'));
  assert.ok(enumValueAccepted(e21, 'qemu-xen', '4.21'));
  // Case rules: libxl's tables ignore case, xl's strcmp does not.
  assert.ok(enumValueAccepted(keyInfo('tsc_mode', '4.22')!, 'NATIVE', '4.22'));
  assert.ok(!enumValueAccepted(keyInfo('vga', '4.22')!, 'STDVGA', '4.22'));
});

test('release-bounded behaviour notes', () => {
  const vcpus = keyInfo('vcpus', '4.22')!;
  assert.equal(behaviourAt(vcpus, '4.22').length, 1);
  assert.match(behaviourAt(vcpus, '4.22')[0].note, /treated as 1/);
  assert.match(behaviourAt(vcpus, '4.17')[0].note, /without online vCPUs/);
});

test('keysFor selects by guest type', () => {
  const hvm = keysFor('hvm', '4.22').map((e) => e.name);
  const pv = keysFor('pv', '4.22').map((e) => e.name);
  assert.ok(hvm.includes('viridian') && !pv.includes('viridian'));
  assert.ok(pv.includes('e820_host') && !hvm.includes('e820_host'));
  assert.ok(keysFor('pvh', '4.22').some((e) => e.name === 'pvshim'));
  assert.ok(!keysFor('pvh', '4.10').some((e) => e.name === 'pvshim'));
});

test('every entry has a description of its own and sane fields', () => {
  for (const e of KEY_ENTRIES) {
    assert.ok(e.description.length > 60, `${e.name}: description too short`);
    assert.ok(e.description.includes(`Xen ${e.since}`), `${e.name}: description names its first release`);
    assert.ok(e.guestTypes.length > 0, `${e.name}: no guest type`);
    assert.match(e.since, /^4\.\d+$/, `${e.name}: since`);
    if (e.valueType === 'enum') assert.ok(e.enumValues && e.enumValues.length, `${e.name}: enum without values`);
  }
});

test('defaults that changed between releases', () => {
  const dmv = keyInfo('device_model_version', '4.20')!;
  assert.match(defaultAt(dmv, '4.20')!, /qemu-xen-traditional/);
  assert.equal(defaultAt(dmv, '4.21'), 'qemu-xen');
  assert.equal(defaultAt(keyInfo('memory', '4.22')!, '4.17'), keyInfo('memory', '4.22')!.default);
});
