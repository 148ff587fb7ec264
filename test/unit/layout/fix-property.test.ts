// Property: on generated guest configs (RAM sizes, VGA, NICs, firmware, MMIO hole, passed-through
// devices with RMRRs and policies, rdm options, releases), every quick fix a layout rule offers
// removes its own diagnostic and brings no new error or warning of another kind.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core/analyze';
import { parseHostProfile } from '../../../server/src/core/host-profile';
import { XEN_VERSIONS } from '../../../server/src/core/xen-version';
import { applyEdits, isLayoutCode } from './rules-support';

const HOST = parseHostProfile(
  JSON.stringify({
    cpuVendor: 'intel',
    physAddrBits: 46,
    firmware: { seabiosImageSize: '0x40000', ovmfImageSize: '0x200000' },
    pciDevices: [
      { bdf: '0000:01:00.0', class: '0x0300', vendor: '0x10de', device: '0x1c30', bars: [{ index: 0, size: '0x1000000' }, { index: 1, size: '0x10000000', prefetch: true }], romSize: '0x80000' },
      { bdf: '0000:02:00.0', class: '0x0300', vendor: '0x1002', device: '0x67df', bars: [{ index: 0, size: '0x20000000', is64: true, prefetch: true }, { index: 2, size: '0x200000', is64: true }] },
      { bdf: '0000:00:14.0', class: '0x0c03', vendor: '0x8086', device: '0xa36d', bars: [{ index: 0, size: '0x10000', is64: true }] },
      { bdf: '0000:03:00.0', class: '0x0200', vendor: '0x8086', device: '0x1533', bars: [{ index: 0, size: '0x40000000' }] },
      { bdf: '0000:00:1f.3', class: '0x0403', vendor: '0x8086', device: '0xa348', bars: [{ index: 0, size: '0x4000', is64: true }] },
    ],
    rmrrs: [
      { start: '0xe0000', end: '0xeffff', devices: ['0000:00:14.0'] },
      { start: '0xa0000000', end: '0xa37fffff', devices: ['0000:00:14.0'] },
      { start: '0x40000000', end: '0x400fffff', devices: ['0000:00:1f.3'] },
    ],
  }),
).profile!;

const config = fc.record({
  xen: fc.constantFrom(...XEN_VERSIONS),
  memory: fc.integer({ min: 256, max: 12288 }),
  maxmem: fc.option(fc.integer({ min: 256, max: 12288 }), { nil: undefined }),
  vcpus: fc.integer({ min: 1, max: 8 }),
  vga: fc.option(fc.constantFrom('cirrus', 'stdvga', 'qxl', 'none'), { nil: undefined }),
  videoram: fc.option(fc.constantFrom(4, 8, 12, 16, 24, 32, 64, 128), { nil: undefined }),
  nics: fc.array(fc.record({ model: fc.constantFrom('rtl8139', 'e1000'), pv: fc.boolean() }), { maxLength: 6 }),
  bios: fc.option(fc.constantFrom('seabios', 'ovmf'), { nil: undefined }),
  hole: fc.option(fc.oneof(fc.integer({ min: 256, max: 3840 }), fc.constantFrom(128, 512, 1000, 1024, 2048)), { nil: undefined }),
  pci: fc.uniqueArray(fc.record({ bdf: fc.constantFrom('0000:01:00.0', '0000:02:00.0', '0000:00:14.0', '0000:03:00.0', '0000:00:1f.3'), policy: fc.constantFrom('', ',rdm_policy=relaxed', ',rdm_policy=strict') }), { maxLength: 3, selector: (p) => p.bdf }),
  rdm: fc.option(fc.constantFrom('strategy=host', 'strategy=host,policy=relaxed', 'strategy=host,policy=strict'), { nil: undefined }),
  boundary: fc.option(fc.constantFrom(0, 512, 1024, 2048, 3000), { nil: undefined }),
  extra: fc.boolean(),
});

function render(c: fc.Arbitrary<unknown> extends never ? never : Record<string, any>): string {
  const lines = ['# generated', 'type = "hvm"', `memory = ${c.memory}`];
  if (c.maxmem !== undefined) lines.push(`maxmem = ${c.maxmem}`);
  lines.push(`vcpus = ${c.vcpus}`);
  if (c.vga) lines.push(`vga = "${c.vga}"`);
  if (c.videoram !== undefined) lines.push(`videoram = ${c.videoram}`);
  if (c.bios) lines.push(`bios = "${c.bios}"   # firmware`);
  if (c.hole !== undefined) lines.push(`mmio_hole = ${c.hole}`);
  if (c.boundary !== undefined) lines.push(`rdm_mem_boundary = ${c.boundary}`);
  if (c.rdm) lines.push(`rdm = "${c.rdm}"`);
  if (c.extra) lines.push('extra_memory = 8');
  if (c.nics.length) lines.push(`vif = [ ${c.nics.map((n: any) => `'bridge=xenbr0,model=${n.model}${n.pv ? ',type=vif' : ''}'`).join(', ')} ]`);
  if (c.pci.length) lines.push(`pci = [ ${c.pci.map((p: any) => `'${p.bdf}${p.policy}'`).join(',\n        ')} ]`);
  lines.push('disk = [ "phy:/dev/vg/guest,hda,w" ]   # boot disk', '');
  return lines.join('\n');
}

const SERIOUS = new Set(['error', 'warning']);

test('every layout quick fix removes its diagnostic and adds no new error or warning', () => {
  let fixesChecked = 0;
  fc.assert(
    fc.property(config, (c) => {
      const text = render(c);
      const options = { xenVersion: c.xen, hostProfile: HOST };
      const before = analyze(text, options).findings;
      const beforeCodes = new Set(before.filter((f) => SERIOUS.has(f.severity)).map((f) => f.code));
      for (const f of before.filter((x) => isLayoutCode(x.code))) {
        for (const fix of f.fixes ?? []) {
          fixesChecked++;
          const fixed = applyEdits(text, fix.edits);
          const after = analyze(fixed, options).findings;
          const same = (x: { code: string }) => x.code === f.code;
          assert.ok(after.filter(same).length < before.filter(same).length, `fix "${fix.title}" leaves ${f.code}\n--- config (${c.xen}):\n${text}\n--- after:\n${fixed}`);
          // rdm_mem_boundary says so in its title: libxl moves RAM and QEMU is not told.
          const allowed = fix.title.startsWith('Set rdm_mem_boundary') ? new Set(['rdm-lowers-ram']) : new Set<string>();
          const added = [...new Set(after.filter((x) => SERIOUS.has(x.severity) && !beforeCodes.has(x.code) && !allowed.has(x.code)).map((x) => x.code))];
          assert.deepEqual(added, [], `fix "${fix.title}" for ${f.code} adds ${added.join(', ')}\n--- config (${c.xen}):\n${text}\n--- after:\n${fixed}`);
        }
      }
    }),
    { numRuns: 250, seed: 20261122 },
  );
  assert.ok(fixesChecked > 50, `only ${fixesChecked} fixes were exercised`);
});
