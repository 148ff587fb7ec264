// `xlcfg layout` through the CLI adapter: `--json --host PROFILE FILE` prints exactly the
// fixture's expected.json (the release comes from the profile), the text form prints the e820
// the way Linux does, and a guest Xen refuses exits with status 1.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { layoutCommand } from '../../../server/src/cli/commands/layout';
import type { CliIO } from '../../../server/src/cli/command';
import { LAYOUT_FIXTURES } from './support';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io: CliIO = {
    readFile: (p) => fs.readFileSync(p),
    exists: (p) => fs.existsSync(p),
    dirname: (p) => path.dirname(p),
    join: (...p) => path.join(...p),
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
  };
  return { code: layoutCommand.run(args, io), out, err };
}

for (const name of ['ex1-memory-4096', 'ex2a-gpu-32bit-bar', 'ex4a-xen-4.14-strict']) {
  test(`xlcfg layout --json on ${name} prints its expected.json`, () => {
    const dir = path.join(LAYOUT_FIXTURES, name);
    const r = run(['--json', '--host', path.join(dir, 'xen-host.json'), path.join(dir, 'config.xl.cfg')]);
    assert.deepEqual(JSON.parse(r.out), JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')));
    assert.equal(r.code, JSON.parse(r.out).fatal ? 1 : 0);
  });
}

test('the text form writes the e820 as Linux prints it', () => {
  const dir = path.join(LAYOUT_FIXTURES, 'ex1-memory-4096');
  const r = run(['--host', path.join(dir, 'xen-host.json'), path.join(dir, 'config.xl.cfg')]);
  assert.equal(r.code, 0);
  assert.match(r.out, /^ {2}BIOS-e820: \[mem 0x0000000000100000-0x00000000efffffff\] usable$/m);
  assert.match(r.out, /^ {2}BIOS-e820: \[mem 0x00000000fc000000-0x00000000fc00afff\] ACPI NVS$/m);
});

test('usage errors exit with status 2', () => {
  assert.equal(run([]).code, 2);
  assert.equal(run(['--bogus', 'x.cfg']).code, 2);
});
