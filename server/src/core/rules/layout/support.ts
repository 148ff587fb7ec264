// Shared by the layout rules: where a finding goes (the key or list item that causes it),
// text edits that write real keys while keeping comments and layout, and re-running the
// layout with a changed input (to pick fix values that really remove the problem).

import type { OffsetRange, TextEdit } from '../../findings';
import type { ConfigView } from '../../model/config-view';
import type { RuleContext } from '../context';
import { computeLayout, layoutInputOf, layoutOf } from '../../layout';
import type { LayoutInput, LayoutResult, PlacedBar } from '../../layout/types';
import { guestBdf } from '../../layout/report';
import { largestLowBar } from '../../layout/fix-values';
import { hex, size } from '../../layout/constants';

export { layoutOf, layoutInputOf, computeLayout, hex, size };

/** The value range of the last assignment of `key`, when the config has it. */
export function keyRange(view: ConfigView, key: string): OffsetRange | undefined {
  const s = view.setting(key);
  return s ? { start: s.value.start, end: s.value.end } : undefined;
}

/** The first of these keys the config has, else the first setting, else the file's start. */
export function anchor(ctx: RuleContext, ...keys: string[]): OffsetRange {
  for (const k of keys) {
    const r = keyRange(ctx.view, k);
    if (r) return r;
  }
  const first = ctx.view.settings[0];
  return first ? { start: first.nameStart, end: first.nameEnd } : { start: 0, end: 0 };
}

/** Where a BAR's problem is reported: its pci or vif entry, else the key that creates the device. */
export function barRange(ctx: RuleContext, bar: PlacedBar, ...fallback: string[]): OffsetRange {
  const input = layoutInputOf(ctx);
  if (bar.pciOrdinal !== undefined) {
    const p = input.pci.find((x) => x.ordinal === bar.pciOrdinal);
    if (p) return p.src;
  }
  if (bar.nicOrdinal !== undefined) {
    const n = input.nics.find((x) => x.ordinal === bar.nicOrdinal);
    if (n) return n.src;
  }
  if (/vga|VGA/.test(bar.device)) return anchor(ctx, 'vga', 'stdvga', ...fallback, 'memory');
  return anchor(ctx, ...fallback, 'memory');
}

export function barName(bar: PlacedBar): string {
  const who = bar.hostBdf ? `passed-through device ${bar.hostBdf} (guest ${guestBdf(bar.devfn)})` : `emulated ${bar.device} (${guestBdf(bar.devfn)})`;
  return `${who} ${bar.bar === 'rom' ? 'ROM BAR' : `BAR${bar.bar}`}`;
}

/**
 * Sets `key = value`: replaces the value of its last assignment, or adds a line after the
 * line of the first of `after` that exists (else after the last setting, else at the top).
 */
export function setKey(text: string, view: ConfigView, key: string, value: string, after: string[] = ['memory', 'maxmem']): TextEdit {
  const s = view.setting(key);
  if (s && s.op === '=') return { start: s.value.start, end: s.value.end, newText: value };
  if (s) {
    // `key += …`: turn the last one into a plain assignment of the whole value.
    const opStart = text.lastIndexOf('+=', s.value.start);
    return { start: opStart, end: s.value.end, newText: `= ${value}` };
  }
  let at: number | undefined;
  for (const k of after) {
    const a = view.setting(k);
    if (a) {
      at = a.end;
      break;
    }
  }
  if (at === undefined && view.settings.length) at = view.settings[view.settings.length - 1].end;
  if (at === undefined) return { start: 0, end: 0, newText: `${key} = ${value}\n` };
  const nl = text.indexOf('\n', at);
  if (nl < 0) return { start: text.length, end: text.length, newText: `\n${key} = ${value}\n` };
  return { start: nl + 1, end: nl + 1, newText: `${key} = ${value}\n` };
}

/** Removes every assignment of `key`, whole lines where the line holds nothing else. */
export function removeKey(text: string, view: ConfigView, key: string): TextEdit[] {
  return view.all(key).map((s) => {
    const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
    let lineEnd = text.indexOf('\n', s.end);
    lineEnd = lineEnd < 0 ? text.length : lineEnd + 1;
    const before = text.slice(lineStart, s.start);
    const after = text.slice(s.end, lineEnd);
    if (/^[ \t]*$/.test(before) && /^[ \t;]*(#.*)?\r?\n?$/.test(after) && !after.includes('#')) return { start: lineStart, end: lineEnd, newText: '' };
    return { start: s.start, end: s.end, newText: '' };
  });
}

/** Sets `option=value` inside a quoted list item: replaces an existing option or appends it. */
export function setItemOption(text: string, item: OffsetRange, option: string, value: string): TextEdit {
  const raw = text.slice(item.start, item.end);
  const re = new RegExp(`(^|[,'"])(\\s*${option}=)([^,'"]*)`);
  const m = re.exec(raw);
  if (m) {
    const start = item.start + m.index + m[1].length + m[2].length;
    return { start, end: start + m[3].length, newText: value };
  }
  const quote = raw[raw.length - 1];
  const closing = quote === '"' || quote === "'" ? item.end - 1 : item.end;
  const empty = text.slice(item.start + 1, closing).trim() === '';
  return { start: closing, end: closing, newText: `${empty ? '' : ','}${option}=${value}` };
}

/** Applies non-overlapping edits (used to check fixes before offering them, and by tests). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The layout with a few input fields changed (for choosing fix values). */
export function layoutWith(ctx: RuleContext, change: Partial<LayoutInput>): LayoutResult {
  return computeLayout({ ...layoutInputOf(ctx), ...change });
}

/** `mmio_hole` starts the hole at an address not aligned for the largest BAR in it. */
function misaligned(r: LayoutResult): boolean {
  const hole = r.input.mmioHole?.value;
  if (!hole || hole < 256 || hole > 3840) return false;
  const largest = largestLowBar(r);
  return largest >= 2 ** 20 && (2 ** 32 - hole * 2 ** 20) % largest !== 0;
}

/**
 * True when the layout with `change` brings a problem the current one does not have (a new
 * problem kind, or more BARs without space): fixes are offered only when this is false, apart
 * from the problems listed in `fixing`.
 */
export function regresses(ctx: RuleContext, change: Partial<LayoutInput>, fixing: string[] = []): boolean {
  const now = layoutOf(ctx);
  const after = layoutWith(ctx, change);
  const codes = new Set(now.problems.map((p) => p.code));
  // Conditions the layout rules warn about that are not problems of the engine itself.
  const score = (r: LayoutResult) => [
    r.pci.bars.filter((b) => b.window === 'none').length,
    // Relaxed conflicts the rules only mention (chosen per device, or legacy space) do not count.
    r.rdm.entries.filter((e) => e.conflicts && !(e.policy === 'relaxed' && (e.start < 0x100000 || e.viaPci.some((o) => r.input.pci.find((p) => p.ordinal === o)?.rdmPolicy === 'relaxed')))).length,
    r.rdm.lowmemEnd.value < r.split.lowmemEnd.value && r.rdm.lowmemEnd.value >= 0x100000 ? 1 : 0,
    r.pci.relocatedPages > 0 ? 1 : 0,
    r.qemu.leftPages.value < 0 ? 1 : 0,
    misaligned(r) ? 1 : 0,
  ];
  const a = score(now);
  const b = score(after);
  return after.problems.some((p) => !codes.has(p.code) && !fixing.includes(p.code)) || b.some((v, i) => v > a[i]);
}
