#!/usr/bin/env node
// Records what Debian's real xl 4.17 (`xl -N create`, through the built dry-run oracle in
// .oracle/) does with configs of ours, so the 4.17 comparisons also run where the oracle
// cannot be built (build it first: mkdir -p .oracle && cp -r ../shared/oracles/. .oracle/ &&
// make -C .oracle):
//
//   node scripts/record-xl-417.js                 the xl cases -> test/fixtures/xl-cases/xl-4.17/
//   node scripts/record-xl-417.js DIR             DIR/*.cfg -> DIR/*.expected.json (the probes in
//                                                 test/fixtures/model/xl-4.17-probes)
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.join(__dirname, '..');
const oracle = path.join(root, '.oracle', 'xl-dryrun-oracle');
if (!fs.existsSync(oracle)) {
  process.stderr.write('record-xl-417: build the oracle first (.oracle/xl-dryrun-oracle is missing)\n');
  process.exit(2);
}
const cases = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'test', 'fixtures', 'xl-cases');
const out = process.argv[2] ? cases : path.join(cases, 'xl-4.17');
fs.mkdirSync(out, { recursive: true });
let n = 0;
for (const f of fs.readdirSync(cases).filter((x) => x.endsWith('.cfg')).sort()) {
  const report = JSON.parse(execFileSync(oracle, [f], { cwd: cases, maxBuffer: 64 << 20 }).toString());
  const config = report.config;
  if (config && config.c_info) delete config.c_info.uuid;
  const expected = {
    about: `Debian's xl ${report.reference.version} (\`xl -N create -q ${f}\`, fake 8-CPU host); uuid removed`,
    xenVersion: '4.17',
    // The oracle's shim turns every SIGSEGV into "needed the hypervisor" (exit 125); on these
    // small configs that is xl itself crashing, so it is recorded as the crash it is.
    exitStatus: report.signal || report.needed_hypervisor ? null : report.exit_code,
    crashSignal: report.signal || (report.needed_hypervisor ? 'SIGSEGV' : null),
    neededHypervisor: report.needed_hypervisor,
    stderr: report.stderr,
    dryRunJson: report.ok ? config : null,
  };
  fs.writeFileSync(path.join(out, f.replace(/\.cfg$/, '.expected.json')), JSON.stringify(expected, null, 2) + '\n');
  n++;
}
process.stdout.write(`recorded ${n} xl 4.17 answers in ${path.relative(process.cwd(), out)}\n`);
