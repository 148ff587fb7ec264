// A code lens at the top of an HVM/PVH config summing up the memory layout (RAM split, MMIO
// hole, BARs without space, RMRRs, whether the guest is created), with the e820 as Linux prints
// it in the tooltip; and one above `mmio_hole` with the hole hvmloader ends up with.

import type { Analysis } from '../../analyze';
import { layoutOf, linuxE820Lines } from '../../layout';
import { FOUR_GIB, hex, size } from '../../layout/constants';
import type { CodeLensEntry, CodeLensProvider } from './index';

export const layoutLenses: CodeLensProvider = (analysis: Analysis): CodeLensEntry[] => {
  const r = layoutOf(analysis.context);
  if (r.input.type.value === 'pv' || r.input.type.value === 'invalid' || analysis.view.settings.length === 0) return [];
  const parts: string[] = [];
  parts.push(`RAM ${size(r.split.memSize.value)}: low to ${hex(r.final.lowmemEnd.value)}${r.final.highmemEnd.value > FOUR_GIB ? `, high to ${hex(r.final.highmemEnd.value)}` : ''}`);
  if (r.input.type.value === 'hvm') {
    parts.push(`MMIO hole ${hex(r.pci.window.start)}–${hex(r.pci.window.end)}`);
    const failed = r.pci.bars.filter((b) => b.window === 'none').length;
    if (failed) parts.push(`${failed} BAR${failed > 1 ? 's' : ''} without space`);
  }
  const kept = r.rdm.entries.filter((e) => e.action === 'reserved').length;
  if (r.rdm.entries.some((e) => e.action !== 'ignored')) parts.push(`RMRRs: ${kept} reserved`);
  if (r.fatal) parts.push(`not created (${r.fatal.stage})`);
  const first = analysis.view.settings[0];
  const lenses: CodeLensEntry[] = [
    {
      start: first.start,
      end: first.start,
      title: `Xen ${r.input.xen} memory layout: ${parts.join(' · ')}`,
      tooltip: ['e820 (hvmloader):', ...linuxE820Lines(r.e820)].join('\n'),
    },
  ];
  const hole = analysis.view.setting('mmio_hole');
  if (hole && r.input.type.value === 'hvm') {
    lenses.push({
      start: hole.start,
      end: hole.start,
      title: `hole ${hex(r.pci.window.start)}–${hex(r.pci.window.end)} (${size(r.pci.window.end - r.pci.window.start)}), ${r.pci.bars.filter((b) => b.window === 'low').length} BARs in it`,
    });
  }
  return lenses;
};
