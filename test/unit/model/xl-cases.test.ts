// The model against xl itself on the recorded xl cases (test/fixtures/xl-cases): xl 4.22 as
// built from source (scripts/record-xl-cases.js, from the shared conformance set) and Debian's
// xl 4.17 (scripts/record-xl-417.js, through the dry-run oracle). For every case the model
// must give xl's exit status (or crash), its stderr and its dry-run JSON.
// Cases the model cannot match yet are listed, each with its reason, in known-gaps.json
// (`ID` for 4.22, `4.17:ID` for 4.17); a listed case that starts to agree fails too, so the
// list only shrinks. XLCFG_UPDATE=1 rewrites the list from the current results.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fixturesDir } from '../../fuzz/support/paths';
import type { BuildOptions } from '../../../server/src/core/model/domain';
import type { XenVersion } from '../../../server/src/core/xen-version';
import { modelOutcome, outcomeDifferences, withoutUuid, type XlOutcome } from './outcome';

const dir = fixturesDir('xl-cases');
const gapsFile = path.join(dir, 'known-gaps.json');
const gaps: Record<string, string> = fs.existsSync(gapsFile) ? JSON.parse(fs.readFileSync(gapsFile, 'utf8')) : {};
const update = process.env.XLCFG_UPDATE === '1';
const newGaps: Record<string, string> = {};

interface Recording {
  release: XenVersion;
  /** Where the expectations are, relative to the cases. */
  subdir: string;
  prefix: string;
  options: (id: string) => BuildOptions;
}

const RECORDINGS: Recording[] = [
  // Built from source: no pygrub, the default prefix; run as `xl create test.cfg`.
  { release: '4.22', subdir: '.', prefix: '', options: () => ({ sourceName: 'test.cfg', build: { pygrub: false } }) },
  // Debian's package: its firmware directory; run on the fixture file itself.
  { release: '4.17', subdir: 'xl-4.17', prefix: '4.17:', options: (id) => ({ sourceName: `${id}.cfg`, build: { firmwareDir: '/usr/lib/xen-4.17/boot' } }) },
];

const ids = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.cfg'))
  .map((f) => f.slice(0, -4))
  .sort();

test('the xl cases are recorded for both releases', () => {
  assert.ok(ids.length >= 325, `test/fixtures/xl-cases holds ${ids.length} cases`);
  for (const r of RECORDINGS) {
    for (const id of ids) assert.ok(fs.existsSync(path.join(dir, r.subdir, `${id}.expected.json`)), `${r.subdir}/${id}.expected.json`);
  }
  for (const key of Object.keys(gaps)) assert.ok(ids.includes(key.replace(/^4\.17:/, '')), `known-gaps.json names ${key}, which is not a case`);
});

for (const r of RECORDINGS) {
  for (const id of ids) {
    test(`xl ${r.release}: ${id}`, () => {
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, `${id}.cfg`)));
      const expected = JSON.parse(fs.readFileSync(path.join(dir, r.subdir, `${id}.expected.json`), 'utf8')) as XlOutcome;
      expected.dryRunJson = expected.dryRunJson ? withoutUuid(expected.dryRunJson) : null;
      const ours = modelOutcome(bytes, r.release, r.options(id));
      const diffs = outcomeDifferences(ours, expected);
      const key = r.prefix + id;
      if (update) {
        if (diffs.length) {
          const unmodelled = ours.model?.unmodelled ?? [];
          newGaps[key] = unmodelled.length ? `not modelled yet: ${unmodelled.join(', ')}` : `model differs: ${diffs[0].split('\n')[0]}`;
        }
        return;
      }
      if (gaps[key]) assert.ok(diffs.length > 0, `${key} now agrees with xl: remove it from known-gaps.json`);
      else assert.deepEqual(diffs, [], `${key}: the model disagrees with xl ${r.release}`);
    });
  }
}

after(() => {
  if (update) fs.writeFileSync(gapsFile, JSON.stringify(newGaps, Object.keys(newGaps).sort(), 2) + '\n');
});
