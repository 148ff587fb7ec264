// `xlcfg config`: the JSON it prints is the model's (checked against the model fixtures'
// expectations), flags select the release and the defaults, and failures give the CLI's
// exit codes (1: xl would refuse the config, 2: usage).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { configCommand } from '../../../server/src/cli/commands/config';
import type { CliIO } from '../../../server/src/cli/command';
import { fixturesDir } from '../../fuzz/support/paths';

function run(args: string[], files: Record<string, string>): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io: CliIO = {
    readFile(p) {
      if (!(p in files)) throw new Error(`cannot read ${p}: no such file`);
      return new TextEncoder().encode(files[p]);
    },
    exists: (p) => p in files,
    dirname: (p) => path.dirname(p),
    join: (...parts) => path.join(...parts),
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
  };
  return { code: configCommand.run(args, io), out, err };
}

const dir = fixturesDir('model');
for (const name of ['devices', 'pv-vnc-framebuffer', 'type-prefix']) {
  test(`config --json prints the model fixture ${name}`, () => {
    const text = fs.readFileSync(path.join(dir, `${name}.cfg`), 'utf8');
    const expected = JSON.parse(fs.readFileSync(path.join(dir, `${name}.expected.json`), 'utf8'));
    const release = expected.release as string;
    const r = run(['--json', '--xen-version', release, 'fixture.cfg'], { 'fixture.cfg': text });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), expected.json);
    const d = run(['--json', '--defaults', `--xen-version=${release}`, 'fixture.cfg'], { 'fixture.cfg': text });
    assert.deepEqual(JSON.parse(d.out), expected.withDefaults);
  });
}

test('config without --json prints a summary', () => {
  const r = run(['g.cfg'], { 'g.cfg': 'name="g"\nkernel="/k"\nmemory=256\n' });
  assert.equal(r.code, 0);
  assert.match(r.out, /guest type +pv \(default\)/);
  assert.match(r.out, /memory +256 MiB/);
});

test('xl stopping on the config is exit 1 with xl\'s message', () => {
  const r = run(['--json', 'g.cfg'], { 'g.cfg': 'kernel="/k"\n' });
  assert.equal(r.code, 1);
  assert.match(r.err, /^Domain name must be specified\.$/m);
  assert.equal(r.out, '');
});

test('a file Xen cannot parse is exit 1', () => {
  const r = run(['--json', 'g.cfg'], { 'g.cfg': 'name = "g\n' });
  assert.equal(r.code, 1);
  assert.match(r.err, /Failed to parse config: Invalid argument/);
});

test('usage errors are exit 2', () => {
  assert.equal(run(['--json'], {}).code, 2);
  assert.equal(run(['--json', '--xen-version', '3.9', 'g.cfg'], { 'g.cfg': 'name="g"\n' }).code, 2);
  assert.equal(run(['--json', 'missing.cfg'], {}).code, 2);
});

test('the release changes what xl builds (vcpus=0 on 4.21 and 4.22)', () => {
  const files = { 'g.cfg': 'name="g"\nkernel="/k"\nvcpus=0\n' };
  const old = JSON.parse(run(['--json', '--xen-version', '4.21', 'g.cfg'], files).out);
  const now = JSON.parse(run(['--json', '--xen-version', '4.22', 'g.cfg'], files).out);
  assert.equal(old.b_info.avail_vcpus, undefined);
  assert.deepEqual(now.b_info.avail_vcpus, [0]);
});
