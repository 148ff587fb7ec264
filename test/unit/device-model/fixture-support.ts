// Shared by the device-model fixture tests: finding fixtures, reading their header
// (`# xen: 4.13 4.14 …`, `# qemu: 8.0`), rendering findings as comparable plain data, and the
// XLCFG_UPDATE=1 rewrite of expectations.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding, TextEdit } from '../../../server/src/core/findings';
import { XEN_VERSIONS, type XenVersion } from '../../../server/src/core/xen-version';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const FIXTURE_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'device-model');
export const UPDATE = process.env.XLCFG_UPDATE === '1';

export interface FixtureHeader {
  releases: XenVersion[];
  qemuVersion?: string;
}

/**
 * `# xen: 4.13 4.14 4.20 4.21` (the releases to analyse with; default: every release) and
 * `# qemu: 8.0` (the xlcfg.qemuVersion setting) anywhere in the leading comment block.
 */
export function readHeader(text: string): FixtureHeader {
  const header: FixtureHeader = { releases: [...XEN_VERSIONS] };
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const xen = /^#\s*xen:\s*(.+)$/.exec(line);
    if (xen) {
      const list = xen[1].trim().split(/[\s,]+/);
      for (const v of list) if (!(XEN_VERSIONS as readonly string[]).includes(v)) throw new Error(`unknown Xen release ${v} in fixture header`);
      header.releases = list as XenVersion[];
    }
    const qemu = /^#\s*qemu:\s*(\S+)/.exec(line);
    if (qemu) header.qemuVersion = qemu[1];
  }
  return header;
}

export function listFixtures(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort();
}

/** 1-based "line:col" of a UTF-16 offset. */
export function lineCol(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${offset - lineStart + 1}`;
}

export function rangeText(text: string, r: { start: number; end: number }): string {
  return `${lineCol(text, r.start)}-${lineCol(text, r.end)}`;
}

export interface RenderedFinding {
  code: string;
  severity: string;
  range: string;
  message: string;
  fixes?: Array<{ title: string; preferred?: boolean; edits: string[] }>;
}

export function renderEdit(text: string, e: TextEdit): string {
  return `${rangeText(text, e)} ${JSON.stringify(e.newText)}`;
}

export function renderFinding(text: string, f: Finding): RenderedFinding {
  const out: RenderedFinding = { code: f.code, severity: f.severity, range: rangeText(text, f), message: f.message };
  if (f.fixes?.length) {
    out.fixes = f.fixes.map((x) => ({ title: x.title, ...(x.isPreferred ? { preferred: true } : {}), edits: x.edits.map((e) => renderEdit(text, e)) }));
  }
  return out;
}

/** Applies non-overlapping edits (as an editor does: all against the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}

export function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}
