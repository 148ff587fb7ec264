// Hover on a key (what it does, its type and units, the default and range on the selected
// release, since when xl reads it, deprecation, the guest types it matters for) and on a field
// of a spec string (`vdev=`, `backendtype=`, `rdm_policy=` ...). Also holds the cursor
// locator the key completion shares.

import type { Analysis } from '../../analyze';
import type { OffsetRange } from '../../findings';
import type { AssignmentNode } from '../../syntax/tree';
import type { ParsedConfig } from '../../syntax/parse';
import { behaviourAt, keyInfo, keyInfoAnyRelease } from '../../catalog';
import type { GuestType, KeyEntry } from '../../catalog/types';
import { compareXen } from '../../xen-version';
import { SPEC_FIELDS, specField, type SpecFieldInfo } from '../../rules/keys/spec-fields';
import { XM_KEYS } from '../../rules/keys/xm-keys';
import type { HoverProvider } from './index';

/** Where the cursor is, as far as keys are concerned. */
export type KeyContext =
  | { kind: 'key'; start: number; end: number }
  | {
      kind: 'value';
      key: string;
      assignment: AssignmentNode;
      /** Inside a quoted string: the content's range (between the quotes) and the content before the cursor. */
      string?: { start: number; end: number; before: string };
    };

const IDENT_CHAR = /[a-z0-9._]/i;
const BLANK_LINE_START = /^[ \t]*$/;

/** What the cursor at `offset` is on: a key name, a value (maybe inside a string), or nothing. */
export function keyContextAt(parsed: ParsedConfig, offset: number): KeyContext | undefined {
  const text = parsed.text;
  let a: AssignmentNode | undefined;
  for (const c of parsed.tree.children) {
    if (c.start > offset) break;
    if (c.type === 'assignment') a = c;
  }
  if (a && offset > a.end && text.slice(a.end, offset).includes('\n')) a = undefined;
  if (!a || offset < a.start) {
    let s = offset;
    while (s > 0 && IDENT_CHAR.test(text[s - 1])) s--;
    let e = offset;
    while (e < text.length && IDENT_CHAR.test(text[e])) e++;
    const lineStart = text.lastIndexOf('\n', s - 1) + 1;
    if (!BLANK_LINE_START.test(text.slice(lineStart, s))) return undefined;
    return { kind: 'key', start: s, end: e };
  }
  if (offset <= a.name.end) return { kind: 'key', start: a.name.start, end: a.name.end };
  const from = a.op ? a.op.end : a.name.end;
  if (!a.op && !text.slice(from, offset).includes('=')) return undefined;
  let quote = '';
  let qpos = -1;
  for (let i = from; i < offset; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      else if (ch === '\n') quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      qpos = i;
    } else if (ch === '#') {
      if (!text.slice(i, offset).includes('\n')) return undefined;
    }
  }
  if (!quote) return { kind: 'value', key: text.slice(a.name.start, a.name.end), assignment: a };
  let end = offset;
  while (end < text.length && text[end] !== quote && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
  end = Math.min(end, text.length);
  return {
    kind: 'value',
    key: text.slice(a.name.start, a.name.end),
    assignment: a,
    string: { start: qpos + 1, end, before: text.slice(qpos + 1, offset) },
  };
}

/** The spec-string segment (between commas) around a position inside a string. */
export function specSegmentAt(text: string, str: { start: number; end: number }, offset: number): { start: number; end: number; eq: number } {
  let s = offset;
  while (s > str.start && text[s - 1] !== ',') s--;
  while (s < offset && text[s] === ' ') s++;
  let e = offset;
  while (e < str.end && text[e] !== ',') e++;
  const eqAt = text.slice(s, e).indexOf('=');
  return { start: s, end: e, eq: eqAt < 0 ? -1 : s + eqAt };
}

const TYPE_WORDS: Record<string, string> = {
  defbool: 'boolean (0 or 1)',
  boolean: 'boolean (0 or 1)',
  string: 'string',
  integer: 'number',
  enum: 'one of a set of names',
  'list-of-specs': 'list of spec strings',
  'list-of-strings': 'list of strings',
  'string-or-list': 'string, or list of strings',
  'spec-string': 'spec string',
  'list-of-lists': 'list of lists of strings',
  'boolean|enum': 'boolean or a name',
  'list-of-strings|boolean': 'list of names, or a boolean',
};
const GETTER_MESSAGE = /parameter `%s'|can't use \+= with numbers/;
const LABEL: Record<GuestType, string> = { pv: 'PV', pvh: 'PVH', hvm: 'HVM' };

/** The markdown documentation of a key on `release`. */
export function keyMarkdown(name: string, release: string): string | undefined {
  const any = keyInfoAnyRelease(name);
  if (!any) return undefined;
  const e: KeyEntry = keyInfo(name, release) ?? any;
  const read = keyInfo(name, release) !== undefined;
  const head = `**\`${e.name}\`** — ${TYPE_WORDS[e.valueType] ?? e.valueType}${e.units ? `, in ${e.units}` : ''}`;
  const lines = [head, '', e.description, ''];
  if (!read) {
    lines.push(
      compareXen(release, e.since) < 0
        ? `**Not read by xl of Xen ${release}**: xl reads it from Xen ${e.since} on; older releases ignore it.`
        : `**Not read by xl of Xen ${release}** (removed in Xen ${e.removedIn}).`,
      '',
    );
  }
  const facts: string[] = [];
  facts.push(`- Default (Xen ${release}): ${e.default ?? 'none (not set)'}`);
  if (e.range) {
    const r = e.range;
    const span = r.min !== undefined && r.max !== undefined ? `${r.min}–${r.max}` : r.min !== undefined ? `at least ${r.min}` : `at most ${r.max}`;
    facts.push(`- Range: ${span}${r.maxWithESPI ? ` (${r.maxWithESPI} with extended SPIs)` : ''}`);
  }
  if (e.enumValues?.length) facts.push(`- Values on Xen ${release}: ${e.enumValues.map((v) => `\`${v}\``).join(', ')}${e.enumCaseInsensitive ? ' (any case)' : ''}`);
  facts.push(`- Guest types: ${e.guestTypes.map((t) => LABEL[t]).join(', ')}${e.arch !== 'all' ? ` · ${e.arch === 'arm' ? 'Arm' : 'x86'} only` : ''}`);
  facts.push(`- Since: Xen ${e.since}${e.documented ? '' : ' · not in xl.cfg(5)'}`);
  if (e.deprecated) {
    facts.push(`- Deprecated since Xen ${e.deprecated.since}${e.deprecated.replacement ? `: use \`${e.deprecated.replacement}\`` : ''}${e.deprecated.note ? ` (${e.deprecated.note})` : ''}`);
  }
  for (const b of behaviourAt(e, release)) facts.push(`- On Xen ${release}: ${b.note}`);
  if (e.notes) facts.push(`- Note: ${e.notes}`);
  lines.push(...facts);
  const checks = e.xlMessages.filter((m) => !GETTER_MESSAGE.test(m.message) && !m.message.startsWith('(no message)'));
  if (checks.length) {
    lines.push('', 'What xl says about it:');
    for (const m of checks.slice(0, 6)) {
      lines.push(`- ${m.fatal ? 'stops with' : 'warns'} \`${m.message.split('\n')[0]}\` — ${m.trigger}`);
    }
  }
  if (SPEC_FIELDS.has(name)) lines.push('', `Fields: ${SPEC_FIELDS.get(name)!.map((x) => `\`${x.name}${x.flag ? '' : '='}\``).join(' ')}`);
  return lines.join('\n');
}

/** The markdown documentation of a spec field. */
export function fieldMarkdown(key: string, field: SpecFieldInfo): string {
  const head = `**\`${field.flag ? field.name : `${field.name}=`}\`** in a \`${key}\` spec${field.flag ? ' (flag)' : ''}`;
  const lines = [head, '', field.doc];
  if (field.values) lines.push('', `Values: ${field.values.map((v) => `\`${v}\``).join(', ')}`);
  if (field.since) lines.push('', `Since Xen ${field.since}.`);
  return lines.join('\n');
}

function section(range: OffsetRange, markdown: string) {
  return { start: range.start, end: range.end, markdown };
}

export const keysHover: HoverProvider = (analysis: Analysis, offset: number) => {
  const ctx = keyContextAt(analysis.parsed, offset);
  if (!ctx) return undefined;
  const release = analysis.context.xenVersion;
  const text = analysis.parsed.text;
  if (ctx.kind === 'key') {
    if (ctx.end <= ctx.start) return undefined;
    const name = text.slice(ctx.start, ctx.end);
    const md = keyMarkdown(name, release);
    if (md) return section(ctx, md);
    const xm = XM_KEYS.get(name);
    return xm ? section(ctx, `**\`${name}\`** — an xm/xend key\n\nxl never reads it (all releases). Instead, ${xm.advice}`) : undefined;
  }
  if (ctx.string && SPEC_FIELDS.has(ctx.key)) {
    const seg = specSegmentAt(text, ctx.string, offset);
    const nameEnd = seg.eq < 0 ? seg.end : seg.eq;
    const name = text.slice(seg.start, nameEnd).trim();
    const field = specField(ctx.key, name);
    if (field && (seg.eq < 0 ? field.flag : offset <= seg.eq)) return section({ start: seg.start, end: seg.eq < 0 ? seg.end : seg.eq + 1 }, fieldMarkdown(ctx.key, field));
    if (field && field.values && seg.eq >= 0) {
      const value = text.slice(seg.eq + 1, seg.end).trim();
      const md = `${fieldMarkdown(ctx.key, field)}${value && !field.values.includes(value) ? `\n\n\`${value}\` is not one of these.` : ''}`;
      return section(seg.end > seg.eq + 1 ? { start: seg.eq + 1, end: seg.end } : { start: seg.eq, end: seg.eq + 1 }, md);
    }
    return undefined;
  }
  const a = ctx.assignment;
  const md = keyMarkdown(ctx.key, release);
  return md && a.value ? section({ start: a.value.start, end: a.value.end }, md) : undefined;
};
