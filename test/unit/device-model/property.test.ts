// Property test: random combinations of the keys the device-model checks read, on every
// release, never make a check throw, and every finding and fix stays inside the document with
// edits that do not overlap (so an editor can apply them).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core/analyze';
import { deviceModelRules } from '../../../server/src/core/rules/device-model';
import { XEN_VERSIONS } from '../../../server/src/core/xen-version';

const OWN = new Set(deviceModelRules.map((r) => r.slug));

const line = fc.oneof(
  fc.constantFrom('type = "hvm"', 'type = "pvh"', 'type = "pv"', 'type = ""', "builder = 'hvm'", 'type = "bogus"'),
  fc.constantFrom('device_model_version = "qemu-xen"', 'device_model_version = "qemu-xen-traditional"', 'device_model_version = "none"', 'device_model_version = "QEMU"'),
  fc.constantFrom('device_model_stubdomain_override = 1', 'device_model_stubdomain_override = 0', 'device_model_stubdomain_override = "x"'),
  fc.constantFrom('bios = "ovmf"', 'bios = "rombios"', 'bios = "SeaBIOS"', 'bios = "efi"', 'bios = [ "ovmf" ]'),
  fc.constantFrom('firmware = "uefi"', 'firmware = ""', 'firmware = "b"', 'firmware = "/x/OVMF.fd"', 'firmware = "pvgrub64"', 'firmware = "rombios"'),
  fc.constantFrom('hdtype = "ahci"', 'hdtype = "IDE"', 'hdtype = "sata"'),
  fc.constantFrom('xen_platform_pci = 0', 'xen_platform_pci = 1', 'xen_platform_pci_bar_uc = 0'),
  fc.constantFrom('kernel = "/boot/vmlinuz"', 'kernel = "/usr/lib/xen/boot/hvmloader"', 'bootloader = "pygrub"', 'ramdisk = "/i"', 'extra = "x"'),
  fc.constantFrom('vga = "none"', 'vga = "qxl"', 'stdvga = 1', 'videoram = 4', 'vnc = 1', 'sdl = 1', 'spice = 1', 'viridian = 1'),
  fc.constantFrom('stubdomain_memory = 64', 'stubdomain_kernel = "/k"', 'stubdomain_cmdline = "x"', 'pvshim = 1', 'device_model = "stubdom-dm"', 'device_model_override = "/q"', 'bios_path_override = "/b"'),
  fc.constantFrom('vif = [ "bridge=a", "type=vif" ]', 'pci = [ "01:00.0", "02:00.0,permissive=1" ]', 'vtpm = [ "backend=v" ]', 'device_model_args_hvm = [ "-drive", "file=/a,if=none" ]'),
  fc
    .array(
      fc.constantFrom(
        '"/a,raw,xvda,rw"', '"/b,raw,xvde,rw"', '"/c,raw,hdc,cdrom"', '",hdd:cdrom,r"', '"/d,raw,xvdb,r"', '"/e,raw,sdb,rw"',
        '"/f,raw,xvdf:cdrom,r"', '"vdev=xvdg,target=/g"', '"/h,raw,51712,rw"', '"bad spec,,,,,"', '"/a,raw,xvdaa,rw"',
      ),
      { maxLength: 5 },
    )
    .map((items) => `disk = [ ${items.join(', ')} ]`),
);

test('device-model checks are total and their fixes are applicable', () => {
  fc.assert(
    fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom(...XEN_VERSIONS), fc.constantFrom(undefined, '7.2', '8.2', '2.5'), (lines, xenVersion, qemuVersion) => {
      const text = lines.join('\n') + '\n';
      const { findings } = analyze(text, { xenVersion, qemuVersion });
      const broken = findings.filter((f) => f.code === 'internal-error' && deviceModelRules.some((r) => f.message.includes(`\`${r.slug}\``)));
      assert.deepEqual(broken.map((f) => f.message), []);
      for (const f of findings.filter((g) => OWN.has(g.code))) {
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.code} range`);
        for (const fix of f.fixes ?? []) {
          const edits = [...fix.edits].sort((a, b) => a.start - b.start);
          for (let i = 0; i < edits.length; i++) {
            assert.ok(edits[i].start >= 0 && edits[i].start <= edits[i].end && edits[i].end <= text.length, `${f.code}: ${fix.title} edit range`);
            if (i > 0) assert.ok(edits[i - 1].end <= edits[i].start, `${f.code}: ${fix.title} edits overlap`);
          }
        }
      }
    }),
    { numRuns: 300 },
  );
});
