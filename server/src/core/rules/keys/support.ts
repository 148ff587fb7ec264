// Helpers the key checks share: the guest type xl decided, what xl finally does about a
// value (from the domain model: the first fatal message), and minimal text edits.

import type { Fix, OffsetRange, TextEdit } from '../../findings';
import type { RuleContext } from '../context';
import { domainOf, guestTypeOfBuilderValue, guestTypeOfTypeValue } from '../../model/domain';
import type { XlMessage } from '../../model/domain';
import type { GuestType } from '../../catalog/types';
import type { Setting } from '../../syntax/tree';

/**
 * The guest type xl builds (decided as xl_parse.c does: `type` by prefix, else the deprecated
 * `builder`, else PV on x86), or undefined when xl refuses the type itself. Decided from the
 * two keys alone so the cheap checks need not build the whole domain model.
 */
export function guestTypeOf(ctx: RuleContext): GuestType | undefined {
  return ctx.memo('keys:guest-type', (c) => {
    const type = c.view.string('type');
    const builder = c.view.string('builder');
    const t = type ? guestTypeOfTypeValue(type.value) : undefined;
    if (type && !t) return undefined;
    const b = builder ? guestTypeOfBuilderValue(builder.value) : undefined;
    if (builder && !b) return undefined;
    return t ?? b ?? 'pv';
  });
}

export function guestLabel(t: GuestType): string {
  return t === 'hvm' ? 'an HVM' : t === 'pvh' ? 'a PVH' : 'a PV';
}

function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The message with which xl stops because of `key` at `range`, per the domain model. */
export function xlExitAt(ctx: RuleContext, key: string, range: OffsetRange): XlMessage | undefined {
  const exit = domainOf(ctx).exit;
  if (!exit || exit.key !== key) return undefined;
  if (exit.start === undefined || exit.end === undefined) return exit;
  return overlaps(range, { start: exit.start, end: exit.end }) || exit.start === range.start ? exit : undefined;
}

/** "`xl create` stops with `MESSAGE` (exit status N)" for a model exit. */
export function describeExit(exit: XlMessage): string {
  if (exit.crash) return `xl crashes (${exit.crash}) while reading it, so the domain is not created`;
  const text = exit.text.replace(LINE_PREFIX, '').trim();
  const said = text ? `stops with \`${text}\`` : 'stops without a message';
  return `\`xl create\` ${said} (exit status ${exit.exitCode ?? 1}) and the domain is not created`;
}

/** Deletes one assignment: its whole line when nothing else is on it, so comments elsewhere stay. */
export function removeAssignment(text: string, s: Setting): TextEdit {
  const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
  let lineEnd = text.indexOf('\n', s.end);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, s.start);
  const after = text.slice(s.end, lineEnd);
  if (BLANK.test(before) && BLANK_TAIL.test(after)) return { start: lineStart, end: Math.min(lineEnd + 1, text.length), newText: '' };
  const tail = SEMI_TAIL.exec(after)![0].length;
  return { start: s.start, end: s.end + tail, newText: '' };
}
const BLANK = /^[ \t]*$/;
const LINE_PREFIX = /^[^:\s]+:\d+: /;
const BACKSLASHES = /\\/g;
const DOUBLE_QUOTES = /"/g;
const SINGLE_QUOTES = /'/g;
const BLANK_TAIL = /^[ \t;]*\r?$/;
const SEMI_TAIL = /^[ \t]*;?[ \t]*/;

/** Replaces a scalar value, keeping its quote character (or writing a bare number). */
export function replaceValue(text: string, range: OffsetRange, value: string, bare = false): TextEdit {
  if (bare) return { ...range, newText: value };
  const c = text[range.start];
  const q = c === "'" ? "'" : '"';
  return { ...range, newText: `${q}${value.replace(BACKSLASHES, '\\\\').replace(q === '"' ? DOUBLE_QUOTES : SINGLE_QUOTES, `\\${q}`)}${q}` };
}

export function fix(title: string, edits: TextEdit[], isPreferred = false): Fix {
  return isPreferred ? { title, edits, isPreferred } : { title, edits };
}

/** The name range of an assignment. */
export function nameRange(s: Setting): OffsetRange {
  return { start: s.nameStart, end: s.nameEnd };
}

export function valueRange(s: Setting): OffsetRange {
  return { start: s.value.start, end: s.value.end };
}
