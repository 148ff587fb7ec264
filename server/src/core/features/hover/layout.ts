// Hover on the keys that shape the guest's memory (`memory`, `maxmem`, `videoram`, `mmio_hole`,
// `pci`, `rdm`, and the RMRR-related `rdm_mem_boundary`): the e820 map hvmloader builds, the MMIO
// hole with every BAR in it, the RMRR decisions and the memory budget, with the section the key
// is about first.

import type { Analysis } from '../../analyze';
import { layoutOf } from '../../layout';
import type { LayoutResult } from '../../layout/types';
import { FOUR_GIB, hex, hex16, size } from '../../layout/constants';
import { guestBdf } from '../../layout/report';
import type { HoverProvider, HoverSection } from './index';

const KEYS = ['memory', 'maxmem', 'videoram', 'mmio_hole', 'pci', 'rdm', 'rdm_mem_boundary'] as const;
type Key = (typeof KEYS)[number];

function e820Table(r: LayoutResult): string {
  const rows = r.e820.filter((e) => e.end > e.start);
  if (rows.length === 0) return '_No e820 table: hvmloader builds one only for HVM guests._';
  const lines = ['| start | end | type | what |', '|---|---|---|---|'];
  for (const e of rows) lines.push(`| \`${hex16(e.start)}\` | \`${hex16(e.end - 1)}\` | ${e.type} | ${e.origin} |`);
  return lines.join('\n');
}

function holeTable(r: LayoutResult): string {
  const w = r.pci.window;
  const out = [`Low MMIO hole \`${hex(w.start)}\`–\`${hex(w.end)}\` (${size(w.end - w.start)}): ${w.why}.`];
  if (r.pci.highWindow) out.push(`64-bit window \`${hex(r.pci.highWindow.start)}\`–\`${hex(r.pci.highWindow.end)}\`.`);
  const bars = r.pci.bars.filter((b) => !b.io).sort((a, b) => (a.base ?? Infinity) - (b.base ?? Infinity));
  if (bars.length) {
    out.push('', '| base | size | device | BAR |', '|---|---|---|---|');
    for (const b of bars) {
      const who = b.hostBdf ? `${b.hostBdf} → ${guestBdf(b.devfn)}` : `${b.device} (${guestBdf(b.devfn)})`;
      out.push(`| ${b.base === null ? '**no space**' : `\`${hex(b.base)}\``} | ${size(b.size)} | ${who} | ${b.bar === 'rom' ? 'ROM' : b.bar}${b.is64 ? ' (64-bit)' : ''} |`);
    }
  }
  return out.join('\n');
}

function rdmTable(r: LayoutResult): string {
  if (r.rdm.entries.length === 0) return `No RMRRs apply: ${r.rdm.ran.why}.`;
  const out = ['| region | devices | decision | why |', '|---|---|---|---|'];
  for (const e of r.rdm.entries) {
    out.push(`| \`${hex(e.start)}\`–\`${hex(e.start + e.size - 1)}\` | ${e.devices.join(', ') || '—'} | ${e.action} | ${e.why.replace(/\|/g, '\\|')} |`);
  }
  return out.join('\n');
}

function budget(r: LayoutResult): string {
  const kib = (pages: number) => `${pages * 4} KiB`;
  const lines = [
    `- RAM: ${size(r.split.memSize.value)} — ${r.split.memSize.why}`,
    `- Low RAM ends at \`${hex(r.final.lowmemEnd.value)}\`${r.final.highmemEnd.value > FOUR_GIB ? `, high RAM at \`${hex(r.final.highmemEnd.value)}\`` : ''} (${r.final.lowmemEnd.why})`,
    `- Xen page limit: ${r.libxc.xenLimitKb.value} KiB — ${r.libxc.xenLimitKb.why}`,
    `- libxc populates ${r.libxc.chargedPages.value} pages — ${r.libxc.chargedPages.why}`,
    `- QEMU: ${kib(r.qemu.pages.value)} of ${kib(r.qemu.freePages.value)} left — ${r.qemu.pages.why}`,
    `- hvmloader: ${r.hvmloader.pagesNeeded.value} pages — ${r.hvmloader.stolenPages.why}`,
    `- Host memory to start: ${Math.ceil(r.need.kb.value / 1024)} MiB — ${r.need.kb.why}`,
  ];
  if (r.defaults.pod.value) lines.push(`- Populate-on-demand: ${r.defaults.pod.why}`);
  return lines.join('\n');
}

export function layoutMarkdown(r: LayoutResult, focus: Key | 'all'): string {
  const parts: string[] = [`**Guest memory layout** (Xen ${r.input.xen})`];
  if (r.fatal) parts.push(`**The guest is not created** — ${r.fatal.stage}: ${r.fatal.message}`);
  const sections: Array<[string, string]> = [];
  const e820 = ['e820 (what the guest\'s firmware gets)', e820Table(r)] as [string, string];
  const hole = ['MMIO hole and BARs', holeTable(r)] as [string, string];
  const rdm = ['Reserved device memory (RMRRs)', rdmTable(r)] as [string, string];
  const mem = ['Memory budget', budget(r)] as [string, string];
  if (focus === 'mmio_hole' || focus === 'pci') sections.push(hole, e820, ...(r.rdm.entries.length ? [rdm] : []), mem);
  else if (focus === 'rdm' || focus === 'rdm_mem_boundary') sections.push(rdm, e820, hole);
  else sections.push(e820, mem, hole, ...(r.rdm.entries.length ? [rdm] : []));
  for (const [title, body] of sections) parts.push(`**${title}**\n\n${body}`);
  if (r.unknowns.length) parts.push(`_Not known (assumed or left out):_ ${r.unknowns.join('; ')}.`);
  return parts.join('\n\n');
}

export const layoutHover: HoverProvider = (analysis: Analysis, offset: number): HoverSection | null => {
  for (const key of KEYS) {
    for (const s of analysis.view.all(key)) {
      if (offset < s.nameStart || offset > s.end) continue;
      const r = layoutOf(analysis.context);
      if (r.input.type.value === 'pv' && key !== 'memory' && key !== 'maxmem') return null;
      return { start: s.nameStart, end: s.nameEnd, markdown: layoutMarkdown(r, key) };
    }
  }
  return null;
};
