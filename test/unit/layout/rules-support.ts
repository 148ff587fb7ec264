// Running the whole analysis on a layout case directory (config.xl.cfg + optional
// xen-host.json, whose xenVersion selects the release), and helpers for fix checks.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis, type AnalysisOptions } from '../../../server/src/core/analyze';
import { parseHostProfile } from '../../../server/src/core/host-profile';
import { layoutRules } from '../../../server/src/core/rules/layout';
import { NEWEST_XEN } from '../../../server/src/core/xen-version';
export { applyEdits } from '../../../server/src/core/rules/layout/support';

/** Every code the layout rules report (their slugs and the codes they report under). */
const EXTRA_CODES = ['rdm-conflict-relaxed', 'passthrough-disabled-with-pci', 'pvh-passthrough', 'pod-with-vnuma', 'rdm-boundary-below-legacy-rmrr', 'low-ram-too-small'];
const CODES = new Set([...layoutRules.map((r) => r.slug), ...EXTRA_CODES]);
export function isLayoutCode(code: string): boolean {
  return CODES.has(code);
}

export function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

export function optionsFor(dir: string): AnalysisOptions {
  const hostPath = path.join(dir, 'xen-host.json');
  if (!fs.existsSync(hostPath)) return { xenVersion: NEWEST_XEN };
  const r = parseHostProfile(fs.readFileSync(hostPath, 'utf8'));
  if (!r.profile) throw new Error(`${hostPath}: ${r.errors.map((e) => e.message).join('; ')}`);
  return { xenVersion: r.profile.xenVersion ?? NEWEST_XEN, hostProfile: r.profile, hostProfileSource: 'xen-host.json' };
}

export function analyzeCase(dir: string, text?: string, options?: AnalysisOptions): { text: string; analysis: Analysis; options: AnalysisOptions } {
  const t = text ?? fs.readFileSync(path.join(dir, 'config.xl.cfg'), 'utf8');
  const o = options ?? optionsFor(dir);
  return { text: t, analysis: analyze(t, o), options: o };
}
