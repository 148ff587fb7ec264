// Hover and code lens of the layout on the GPU passthrough example: hovering `memory` shows the
// e820 map hvmloader builds; `mmio_hole`/`pci` lead with the MMIO hole and every BAR in it;
// the lens at the top sums the layout up. (The same check through a real VS Code belongs to
// the e2e suite.)

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import { parseHostProfile } from '../../../server/src/core/host-profile';
import { hoverAt } from '../../../server/src/core/features/hover';
import { layoutHover } from '../../../server/src/core/features/hover/layout';
import { layoutLenses } from '../../../server/src/core/features/codelens/layout';
import { REPO_ROOT } from './support';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'gpu-passthrough.xl.cfg');
const text = fs.readFileSync(EXAMPLE, 'utf8');
const host = parseHostProfile(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'xen-host.json'), 'utf8')).profile!;
const analysis = analyze(text, { xenVersion: host.xenVersion, hostProfile: host });

function at(needle: string): number {
  const i = text.search(new RegExp(`^${needle}\\b`, 'm'));
  assert.ok(i >= 0, `${needle} in the example`);
  return i + 1;
}

test('hovering memory shows the e820 map as a table', () => {
  const h = layoutHover(analysis, at('memory'));
  assert.ok(h);
  assert.match(h.markdown, /\*\*e820/);
  assert.match(h.markdown, /\| `0x0000000000000000` \| `0x000000000009ffff` \| usable \|/);
  assert.match(h.markdown, /\| `0x0000000000100000` \| `0x00000000efffffff` \| usable \|/);
  assert.match(h.markdown, /Memory budget/);
  assert.ok(h.markdown.indexOf('e820') < h.markdown.indexOf('MMIO hole and BARs'), 'e820 first for memory');
});

test('the combined hover (all providers) includes the layout section', () => {
  const h = hoverAt(analysis, at('memory'));
  assert.ok(h && /0x0000000000100000/.test(h.markdown));
});

test('hovering pci leads with the MMIO hole and lists the BAR that gets no space', () => {
  const h = layoutHover(analysis, at('pci'));
  assert.ok(h);
  assert.ok(h.markdown.indexOf('MMIO hole and BARs') < h.markdown.indexOf('e820 ('));
  assert.match(h.markdown, /\*\*no space\*\* \| 256 MiB \| 0000:01:00\.0 → 00:05\.0 \| 1 \|/);
  assert.match(h.markdown, /RMRR|Reserved device memory/);
});

test('no layout hover away from the layout keys', () => {
  assert.equal(layoutHover(analysis, at('name')), null);
});

test('the code lens at the top sums the layout up, with the e820 as Linux prints it', () => {
  const lenses = layoutLenses(analysis) ?? [];
  assert.ok(lenses.length >= 1);
  const top = lenses[0];
  assert.equal(top.start, analysis.view.settings[0].start);
  assert.match(top.title, /memory layout: RAM .* MMIO hole 0xf0000000–0xfc000000 · 1 BAR without space/);
  assert.match(top.tooltip ?? '', /BIOS-e820: \[mem 0x0000000000100000-0x00000000efffffff\] usable/);
});
