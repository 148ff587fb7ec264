// The layout as plain JSON (`xlcfg layout --json`) and as text (the readable table, with the
// e820 written the way Linux prints it at boot so it can be diffed against a guest's dmesg).

import { FOUR_GIB, hex, hex16, size } from './constants';
import type { E820Entry, LayoutResult, PlacedBar } from './types';

export interface LayoutJson {
  xenVersion: string;
  fatal: null | { stage: string; message: string };
  lowmemEnd: string;
  highmemEnd: string | null;
  final: { lowmemEnd: string; highmemEnd: string | null };
  mmioHole: { start: string; end: string };
  bars: Array<{ bdf: string; device: string; hostBdf?: string; bar: number | 'rom'; size: string; base: string | null; window: string }>;
  rdm: Array<{ start: string; end: string; action: string; policy: string; devices: string[] }>;
  e820: Array<{ start: string; end: string; type: string }>;
  memory: Record<string, number | string | boolean | null>;
  warnings: string[];
  unknowns: string[];
  log: string[];
}

export function guestBdf(devfn: number): string {
  return `00:${Math.floor(devfn / 8).toString(16).padStart(2, '0')}.${devfn % 8}`;
}

/** Zero-length entries (4.13's empty high RAM) cannot be written with an inclusive end; Linux drops them too. */
function visibleE820(e820: readonly E820Entry[]): E820Entry[] {
  return e820.filter((e) => e.end > e.start);
}

export function layoutToJson(r: LayoutResult): LayoutJson {
  const high = (n: number) => (n > FOUR_GIB ? hex(n) : null);
  const warnings = r.problems.filter((p) => !p.fatal).map((p) => `${p.stage}: ${p.message}`);
  if (r.e820.some((e) => e.end === e.start)) warnings.push('hvmloader: the e820 has a zero-length RAM entry at 0x100000000 (not shown; Linux drops it)');
  return {
    xenVersion: r.input.xen,
    fatal: r.fatal ? { stage: r.fatal.stage, message: r.fatal.message } : null,
    lowmemEnd: hex(r.rdm.lowmemEnd.value),
    highmemEnd: high(r.rdm.highmemEnd.value),
    final: { lowmemEnd: hex(r.final.lowmemEnd.value), highmemEnd: high(r.final.highmemEnd.value) },
    mmioHole: { start: hex(r.pci.window.start), end: hex(r.pci.window.end) },
    bars: r.pci.bars.map((b) => ({
      bdf: guestBdf(b.devfn),
      device: b.hostBdf ? 'passthrough' : b.device,
      ...(b.hostBdf ? { hostBdf: b.hostBdf } : {}),
      bar: b.bar,
      size: hex(b.size),
      base: b.base === null ? null : hex(b.base),
      window: b.window,
    })),
    rdm: r.rdm.entries.map((e) => ({ start: hex(e.start), end: hex(e.start + e.size - 1), action: e.action, policy: e.policy, devices: e.devices })),
    e820: visibleE820(r.e820).map((e) => ({ start: hex16(e.start), end: hex16(e.end - 1), type: e.type })),
    memory: {
      targetKb: r.defaults.targetKb.value,
      maxKb: r.defaults.maxKb.value,
      videoKb: r.defaults.videoKb.value,
      ramBytes: hex(r.split.memSize.value),
      pod: r.defaults.pod.value,
      podTargetPages: r.libxc.podTargetPages,
      xenLimitKb: r.libxc.xenLimitKb.value,
      libxcPages: r.libxc.chargedPages.value,
      slackPages: r.qemu.freePages.value,
      qemuPages: r.qemu.pages.value,
      qemuVramPages: r.qemu.vramPages,
      qemuRomPages: r.qemu.romPages,
      leftAfterQemuPages: r.qemu.leftPages.value,
      hvmloaderPages: r.hvmloader.pagesNeeded.value,
      stolenPages: r.hvmloader.stolenPages.value,
      relocatedPages: r.pci.relocatedPages,
      shadowKb: r.defaults.shadowKb.value,
      iommuKb: r.defaults.iommuKb.value,
      needMemoryKb: r.need.kb.value,
      xenstoreStaticMaxKb: r.xenstore.staticMaxKb,
      xenstoreTargetKb: r.xenstore.targetKb,
      xenstoreVideoramKb: r.xenstore.videoramKb,
      passthrough: r.defaults.passthrough.value,
      allowMemoryRelocate: r.defaults.allowMemoryRelocate.value,
    },
    warnings,
    unknowns: r.unknowns,
    log: r.log.map((l) => `${l.stage}: ${l.text}`),
  };
}

/** `BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable`, as Linux prints it. */
export function linuxE820Lines(e820: readonly E820Entry[]): string[] {
  return visibleE820(e820).map((e) => `BIOS-e820: [mem ${hex16(e.start)}-${hex16(e.end - 1)}] ${e.type}`);
}

function barLabel(b: PlacedBar): string {
  const who = b.hostBdf ? `${b.hostBdf} (passthrough)` : b.device;
  return `${guestBdf(b.devfn)} ${who} ${b.bar === 'rom' ? 'ROM' : `BAR${b.bar}`}`;
}

export function layoutToText(r: LayoutResult): string {
  const out: string[] = [];
  out.push(`Xen ${r.input.xen} (${r.input.xenWhy})`);
  if (r.fatal) {
    out.push('');
    out.push(`FATAL (${r.fatal.stage}): ${r.fatal.message}`);
    out.push('The guest is never created; the layout below is what Xen would build if it went on.');
  }
  out.push('');
  out.push('RAM');
  out.push(`  guest RAM        ${size(r.split.memSize.value)} (${r.split.memSize.why})`);
  out.push(`  libxl low end    ${hex(r.rdm.lowmemEnd.value)} (${r.rdm.lowmemEnd.why})`);
  out.push(`  libxl high end   ${r.rdm.highmemEnd.value > FOUR_GIB ? hex(r.rdm.highmemEnd.value) : 'none'} (${r.rdm.highmemEnd.why})`);
  out.push(`  final low end    ${hex(r.final.lowmemEnd.value)} (${r.final.lowmemEnd.why})`);
  out.push(`  final high end   ${r.final.highmemEnd.value ? hex(r.final.highmemEnd.value) : 'none'} (${r.final.highmemEnd.why})`);
  out.push('');
  out.push(`MMIO hole ${hex(r.pci.window.start)}-${hex(r.pci.window.end)} (${size(r.pci.window.end - r.pci.window.start)}): ${r.pci.window.why}`);
  if (r.pci.highWindow) out.push(`64-bit window ${hex(r.pci.highWindow.start)}-${hex(r.pci.highWindow.end)}`);
  const bars = [...r.pci.bars].filter((b) => !b.io).sort((a, b) => (a.base ?? Infinity) - (b.base ?? Infinity));
  for (const b of bars) {
    out.push(`  ${(b.base === null ? 'NO SPACE' : hex(b.base)).padEnd(13)} ${size(b.size).padEnd(9)} ${barLabel(b)}${b.is64 ? ' 64-bit' : ''}`);
  }
  if (r.rdm.entries.length) {
    out.push('');
    out.push('Reserved device memory (RMRRs)');
    for (const e of r.rdm.entries) out.push(`  ${hex(e.start)}-${hex(e.start + e.size - 1)} ${e.action}: ${e.why}`);
  }
  out.push('');
  out.push('Memory budget');
  out.push(`  Xen page limit   ${r.libxc.xenLimitKb.value} KiB (${r.libxc.xenLimitKb.why})`);
  out.push(`  libxc populated  ${r.libxc.chargedPages.value} pages (${r.libxc.chargedPages.why})`);
  out.push(`  slack            ${r.qemu.freePages.value} pages`);
  out.push(`  QEMU             ${r.qemu.pages.value} pages (${r.qemu.pages.why})`);
  out.push(`  hvmloader        ${r.hvmloader.pagesNeeded.value} pages (${r.hvmloader.pagesNeeded.why}); ${r.hvmloader.stolenPages.why}`);
  out.push(`  host memory      ${r.need.kb.value} KiB needed to start (${r.need.kb.why})`);
  out.push('');
  out.push('e820 (hvmloader; compare with the guest\'s dmesg):');
  for (const l of linuxE820Lines(r.e820)) out.push(`  ${l}`);
  const warn = r.problems.filter((p) => !p.fatal);
  if (warn.length || r.log.length) {
    out.push('');
    out.push('Warnings and log');
    for (const p of warn) out.push(`  ${p.stage}: ${p.message}`);
    for (const l of r.log) if (!warn.some((p) => p.message === l.text)) out.push(`  ${l.stage}: ${l.text}`);
  }
  if (r.unknowns.length) {
    out.push('');
    out.push('Not known (assumed or left out):');
    for (const u of r.unknowns) out.push(`  - ${u}`);
  }
  return out.join('\n') + '\n';
}
