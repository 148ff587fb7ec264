#!/usr/bin/env node
// Records the xl cases of the shared conformance set (xl 4.22's `xl -N create` on small
// configs: exit status, stderr, dry-run JSON) as fixtures beside their inputs, so the model
// tests run without ../shared:
//
//   node scripts/record-xl-cases.js ../shared/conformance/libxlutil-4.22/xl-cfg-xl-cases.json
//
// writes test/fixtures/xl-cases/<id>.cfg (the input, byte-exact) and <id>.expected.json.
'use strict';
const fs = require('fs');
const path = require('path');

const src = process.argv[2];
if (!src) {
  process.stderr.write('usage: record-xl-cases.js XL_CASES_JSON\n');
  process.exit(2);
}
const data = JSON.parse(fs.readFileSync(src, 'utf8'));
const out = path.join(__dirname, '..', 'test', 'fixtures', 'xl-cases');
fs.mkdirSync(out, { recursive: true });
for (const c of data.cases) {
  fs.writeFileSync(path.join(out, `${c.id}.cfg`), c.input);
  const expected = {
    about: 'xl 4.22 (`xl -N create -n test.cfg`, fake 8-CPU host, built without pygrub); uuid removed',
    xenVersion: '4.22',
    exitStatus: c.exitStatus,
    crashSignal: c.crashSignal,
    stderr: c.stderr,
    dryRunJson: c.dryRunJson,
  };
  fs.writeFileSync(path.join(out, `${c.id}.expected.json`), JSON.stringify(expected, null, 2) + '\n');
}
process.stdout.write(`recorded ${data.cases.length} cases in ${path.relative(process.cwd(), out)}\n`);
