// Shared by the layout tests: the fixture directories of test/fixtures/layout (one per
// case: config.xl.cfg, optional xen-host.json, reference.json with the facts the reference
// states, expected.json with the whole `xlcfg layout --json` output), and running a case.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../../server/src/core/syntax/parse';
import { ConfigView } from '../../../server/src/core/model/config-view';
import { parseHostProfile } from '../../../server/src/core/host-profile';
import { buildLayoutInput, computeLayout, layoutToJson, type LayoutJson, type LayoutResult } from '../../../server/src/core/layout';
import { NEWEST_XEN } from '../../../server/src/core/xen-version';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const LAYOUT_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'layout');
export const UPDATE = process.env.XLCFG_UPDATE === '1';

export function fixtureNames(): string[] {
  return fs
    .readdirSync(LAYOUT_FIXTURES)
    .filter((n) => fs.existsSync(path.join(LAYOUT_FIXTURES, n, 'config.xl.cfg')))
    .sort();
}

export interface FixtureRun {
  text: string;
  layout: LayoutResult;
  json: LayoutJson;
}

export function runFixture(name: string): FixtureRun {
  const dir = path.join(LAYOUT_FIXTURES, name);
  const text = fs.readFileSync(path.join(dir, 'config.xl.cfg'), 'utf8');
  const hostPath = path.join(dir, 'xen-host.json');
  let host;
  if (fs.existsSync(hostPath)) {
    const r = parseHostProfile(fs.readFileSync(hostPath, 'utf8'));
    if (!r.profile) throw new Error(`${name}/xen-host.json: ${r.errors.map((e) => e.message).join('; ')}`);
    host = r.profile;
  }
  const parsed = parseConfig(text);
  const view = new ConfigView(parsed.settings);
  const xen = host?.xenVersion ?? NEWEST_XEN;
  const layout = computeLayout(buildLayoutInput(view, { xen, xenWhy: 'the fixture', host }));
  return { text, layout, json: JSON.parse(JSON.stringify(layoutToJson(layout))) };
}

/**
 * Checks `actual` against the facts in `expect`: plain values must be equal, objects are
 * compared on the keys `expect` names, `e820` and `rdm` lists must match entry for entry
 * (on the keys given), `bars` entries must each be found among the actual BARs, and `log`
 * lines must each appear. Returns the differences.
 */
export function checkFacts(actual: LayoutJson, expect: Record<string, unknown>): string[] {
  const out: string[] = [];
  const eq = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const [key, want] of Object.entries(expect)) {
    const got = (actual as unknown as Record<string, unknown>)[key];
    if (key === 'bars') {
      for (const w of want as Array<Record<string, unknown>>) {
        const found = actual.bars.find((b) => b.device === w.device && b.bar === w.bar && b.base === w.base && (w.window === undefined || b.window === w.window));
        if (!found) out.push(`bars: no ${JSON.stringify(w)} among ${JSON.stringify(actual.bars.filter((b) => b.device === w.device))}`);
      }
    } else if (key === 'e820' || key === 'rdm') {
      const rows = got as Array<Record<string, unknown>>;
      const wantRows = want as Array<Record<string, unknown>>;
      const picked = rows.map((r, i) => Object.fromEntries(Object.keys(wantRows[i] ?? wantRows[0] ?? {}).map((k) => [k, r[k]])));
      if (!eq(picked, wantRows)) out.push(`${key}: expected ${JSON.stringify(wantRows)}\n   got ${JSON.stringify(picked)}`);
    } else if (key === 'log') {
      for (const line of want as string[]) if (!actual.log.includes(line)) out.push(`log: missing ${JSON.stringify(line)} in ${JSON.stringify(actual.log)}`);
    } else if (want !== null && typeof want === 'object' && got !== null && typeof got === 'object') {
      for (const [k, v] of Object.entries(want as Record<string, unknown>)) {
        if (!eq((got as Record<string, unknown>)[k], v)) out.push(`${key}.${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify((got as Record<string, unknown>)[k])}`);
      }
    } else if (!eq(got, want)) out.push(`${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  return out;
}
