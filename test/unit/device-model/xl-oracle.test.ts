// Cross-check with Debian's real Xen 4.17 tools (recorded by
// test/fixtures/device-model/record-xl-4.17.sh into test/fixtures/device-model/xl-4.17/): for
// every device-model fixture analysed as 4.17,
//  - the guest type, bios, hdtype and hvmloader path we derive are the ones xl builds;
//  - when xl exits, one of our errors quotes its message, and when we say "xl will stop", it did;
//  - every warning xl prints is quoted by one of our findings;
//  - when libxl's config defaulting refuses the guest, one of our errors quotes libxl's
//    message, and we never quote one of those messages for a guest libxl accepted.
// Refusals that happen later (building the QEMU command line, spawning a stub domain) are
// not covered: nothing here can start a device model.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import { deviceModelRules } from '../../../server/src/core/rules/device-model';
import { deviceModelPlanOf } from '../../../server/src/core/device-model/plan';
import { FIXTURE_DIR, readJson } from './fixture-support';

interface Recording {
  exit_code: number;
  stderr: string[];
  guest_type?: string;
  device_model_version?: string;
  bios?: string;
  hdtype?: string;
  firmware?: string;
  libxl?: { rc: number; errors: string[] };
}

// What libxl__domain_build_info_setdefault refuses, in libxl's words.
const SETDEFAULT_REFUSALS = [
  'qemu-xen does not support bios=rombios.',
  'qemu-xen-traditional requires bios=rombios.',
  'direct boot parameters specified but kernel missing',
  'qemu upstream required for qxl vga',
  'unknown device model version',
  'device model stubdomains require',
];

const OWN = new Set(deviceModelRules.map((r) => r.slug));
const REC_DIR = path.join(FIXTURE_DIR, 'xl-4.17');
// Continuation lines of a multi-line xl warning; the first line is what a finding quotes.
const CONTINUATION = /^WARNING: (Use|Or use) /;

const recordings = fs.existsSync(REC_DIR) ? fs.readdirSync(REC_DIR).filter((f) => f.endsWith('.json')).sort() : [];

test('xl 4.17 recordings exist for every device-model fixture', () => {
  const cfgs = fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.cfg')).map((f) => f.replace(/\.cfg$/, '.json'));
  assert.deepEqual(cfgs.filter((c) => !recordings.includes(c)), [], 'run test/fixtures/device-model/record-xl-4.17.sh');
});

for (const rec of recordings) {
  test(`agrees with xl 4.17: ${rec.replace(/\.json$/, '.cfg')}`, () => {
    const r = readJson<Recording>(path.join(REC_DIR, rec))!;
    const text = fs.readFileSync(path.join(FIXTURE_DIR, rec.replace(/\.json$/, '.cfg')), 'utf8');
    const a = analyze(text, { xenVersion: '4.17' });
    const plan = deviceModelPlanOf(a.context);
    const own = a.findings.filter((f) => OWN.has(f.code));

    if (r.exit_code !== 0) {
      assert.ok(
        own.some((f) => f.severity === 'error' && f.message.includes(r.stderr[0])),
        `xl exits with "${r.stderr[0]}" but no device-model error quotes it`,
      );
    } else {
      const claims = own.filter((f) => /\bxl( \d+\.\d+)? will stop with/.test(f.message));
      assert.deepEqual(claims.map((f) => f.code), [], 'we say xl stops, but xl 4.17 accepts the file');
      assert.equal(plan.guestType.value, r.guest_type);
      if (plan.guestType.value === 'hvm') {
        const chosen = plan.firmware?.source ? plan.firmware.value : undefined;
        assert.equal(chosen, r.bios, 'bios');
        assert.equal(plan.hvmloaderOverride?.value, r.firmware, 'hvmloader override');
        assert.equal(plan.hdtypeSetting?.value.toLowerCase(), r.hdtype, 'hdtype');
      }
      if (plan.versionSetting) assert.equal(plan.versionSetting.value.replace(/-/g, '_'), r.device_model_version);
      if (r.libxl && r.libxl.rc !== 0) {
        const first = r.libxl.errors[0];
        assert.ok(own.some((f) => f.severity === 'error' && f.message.includes(first)), `libxl refuses with "${first}" but no device-model error quotes it`);
      } else if (r.libxl) {
        const claims = own.filter((f) => SETDEFAULT_REFUSALS.some((m) => f.message.includes(m)));
        assert.deepEqual(claims.map((f) => f.code), [], 'we quote a libxl refusal, but libxl 4.17 accepts the config');
      }
      for (const line of r.stderr) {
        if (!line.startsWith('WARNING:') || CONTINUATION.test(line)) continue;
        assert.ok(own.some((f) => f.message.includes(line)), `xl warns "${line}" but no finding says so`);
      }
    }
  });
}
