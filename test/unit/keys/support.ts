// Shared by the key tests: fixture discovery, the release a fixture asks for (a first-line
// `# xen: 4.15` comment), LSP-style ranges, and writing expectations with XLCFG_UPDATE=1.

import * as fs from 'fs';
import * as path from 'path';
import assert from 'node:assert/strict';
import { fixturesDir } from '../../fuzz/support/paths';
import { LineIndex, type Range } from '../../../server/src/core/positions';
import { NEWEST_XEN, parseXenVersion, type XenVersion } from '../../../server/src/core/xen-version';

export const UPDATE = process.env.XLCFG_UPDATE === '1';

export function keysFixture(...parts: string[]): string {
  return fixturesDir('keys', ...parts);
}

/** Every `.cfg` file under `dir`, recursively, sorted. */
export function cfgFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...cfgFiles(p));
    else if (e.name.endsWith('.cfg')) out.push(p);
  }
  return out.sort();
}

const RELEASE_LINE = /^#\s*xen:\s*(\S+)/;

export function releaseOf(text: string): XenVersion {
  const m = RELEASE_LINE.exec(text);
  return (m && parseXenVersion(m[1])) || NEWEST_XEN;
}

export function rangeOf(text: string, start: number, end: number): Range {
  const idx = new LineIndex(text);
  return { start: idx.positionAt(start), end: idx.positionAt(end) };
}

/** `foo$0bar` → the text without the marker and the marker's offset. */
export function withCursor(text: string): { text: string; offset: number } {
  const offset = text.indexOf('$0');
  assert.ok(offset >= 0, 'the fixture has no $0 cursor marker');
  return { text: text.slice(0, offset) + text.slice(offset + 2), offset };
}

/** Compares `actual` with the JSON beside the fixture, or writes it with XLCFG_UPDATE=1. */
export function expectJson(cfgPath: string, actual: unknown): void {
  const file = cfgPath.replace(/\.cfg$/, '.expected.json');
  const json = JSON.stringify(actual, null, 2) + '\n';
  if (UPDATE || !fs.existsSync(file)) {
    if (!UPDATE) assert.fail(`${path.basename(file)} is missing: run with XLCFG_UPDATE=1 to record it, then review it`);
    fs.writeFileSync(file, json);
    return;
  }
  assert.deepEqual(JSON.parse(json), JSON.parse(fs.readFileSync(file, 'utf8')), `${path.basename(cfgPath)} differs from its expectation (XLCFG_UPDATE=1 rewrites it)`);
}
