// Loads the conformance fixtures: `<id>.cfg` (the input bytes, byte-exact) beside
// `<id>.expected.json` (Xen's outcome, recorded by scripts/record-conformance.ts).

import * as fs from 'fs';
import * as path from 'path';
import type { ExpectedOutcome } from '../../../scripts/record-conformance';
import { fixturesDir } from '../../fuzz/support/paths';

export interface ConformanceFixture {
  /** e.g. `conformance/libxlutil-4.22/50_multierr` */
  name: string;
  bytes: Uint8Array;
  expected: ExpectedOutcome;
}

/** The fixture groups and how many cases each must hold at least (so none vanishes unnoticed). */
export const FIXTURE_GROUPS: ReadonlyArray<{ dir: string; atLeast: number }> = [
  { dir: 'conformance/libxlutil-4.22', atLeast: 99 },
  { dir: 'conformance/extra', atLeast: 30 },
  { dir: 'oracle-cases', atLeast: 20 },
];

export function loadFixtures(group: string): ConformanceFixture[] {
  const dir = fixturesDir(...group.split('/'));
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).sort();
  const out: ConformanceFixture[] = [];
  for (const f of files) {
    if (!f.endsWith('.cfg')) continue;
    const id = f.slice(0, -'.cfg'.length);
    const expectedFile = path.join(dir, `${id}.expected.json`);
    if (!fs.existsSync(expectedFile)) throw new Error(`${group}/${f} has no ${id}.expected.json beside it`);
    out.push({
      name: `${group}/${id}`,
      bytes: new Uint8Array(fs.readFileSync(path.join(dir, f))),
      expected: JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as ExpectedOutcome,
    });
  }
  for (const f of files) {
    if (f.endsWith('.expected.json') && !files.includes(f.replace(/\.expected\.json$/, '.cfg'))) {
      throw new Error(`${group}/${f} has no .cfg beside it`);
    }
  }
  return out;
}
