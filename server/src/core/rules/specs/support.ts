// What the spec rules share: which strings of a key reach xl's spec parser, the parsed
// results (computed once per run and shared with other areas through ctx.memo), and the
// mapping of spec problems (offsets inside a string value) to document findings.

import type { Fix } from '../../findings';
import type { RuleContext } from '../context';
import type { RuleFinding } from '../rule';
import type { Setting, StringValue, Value } from '../../syntax/tree';
import { specLanguageFor, type SpecShape } from '../../specs';
import type { SpecParseResult, SpecProblem } from '../../specs/types';
import { valueRangeToOffsets as valueRangeToDocument } from '../../syntax/string-offsets';
import { listProblems } from './list-problems';
import { xenAtLeast } from '../../xen-version';

export interface SpecItem {
  key: string;
  /** The string xl parses. */
  text: string;
  /**
   * The value node the text was read from, or null when the text is the result of `+=`
   * on a string (then problems are shown on the whole value).
   */
  node: StringValue | null;
  /** Position in the list (list shapes), or null for a single string. */
  index: number | null;
  /** For list-of-lists: the position inside the inner list. */
  innerIndex?: number;
  setting: Setting;
  /** Document range used when `node` is null. */
  start: number;
  end: number;
}

export interface ParsedSpecItem<S = unknown> extends SpecItem {
  result: SpecParseResult<S>;
}

/** The strings of `key` that xl hands to its spec parser, in order. */
export function specItems(ctx: RuleContext, key: string, shape: SpecShape): SpecItem[] {
  const setting = ctx.view.setting(key);
  if (!setting) return [];
  const value: Value = setting.accumulated ?? setting.value;
  if (shape === 'list-of-lists') return value.kind === 'list' ? innerItems(ctx, key, setting, value.items) : [];
  if (value.kind === 'string') {
    if (shape === 'list') return []; // xl warns and ignores the key
    const precise = !setting.accumulated;
    return [{ key, text: value.value, node: precise ? value : null, index: null, setting, start: setting.value.start, end: setting.value.end }];
  }
  if (shape === 'string') return []; // xl warns and ignores the key
  const items: SpecItem[] = [];
  for (let i = 0; i < value.items.length; i++) {
    const it = value.items[i];
    // xl's loops stop at the first item that is not a string (xlu_cfg_get_listitem is NULL).
    if (it.kind !== 'string') break;
    items.push({ key, text: it.value, node: it, index: i, setting, start: it.start, end: it.end });
  }
  return items;
}

function innerItems(ctx: RuleContext, key: string, setting: Setting, outer: Value[]): SpecItem[] {
  const lang = specLanguageFor(key);
  const items: SpecItem[] = [];
  for (let i = 0; i < outer.length; i++) {
    const o = outer[i];
    if (o.kind !== 'list') continue; // reported by the key's own rule
    for (let j = 0; j < o.items.length; j++) {
      const it = o.items[j];
      if (it.kind !== 'string') {
        if (lang?.innerNonString === 'skip') continue;
        break;
      }
      items.push({ key, text: it.value, node: it, index: i, innerIndex: j, setting, start: it.start, end: it.end });
    }
  }
  return items;
}

/** Every spec of `key` parsed for the analysed release (shared: computed once per run). */
export function parsedSpecs<S = unknown>(ctx: RuleContext, key: string): Array<ParsedSpecItem<S>> {
  return ctx.memo(`specs:${key}`, (c) => {
    const lang = specLanguageFor(key);
    if (!lang || (lang.since && !xenAtLeast(c.xenVersion, lang.since))) return [];
    return specItems(c, key, lang.shape).map((item) => ({
      ...item,
      result: lang.parse(item.text, { xenVersion: c.xenVersion, scalar: item.index === null }) as SpecParseResult<S>,
    }));
  });
}

/** The document range of a range inside an item's string. */
export function itemRange(ctx: RuleContext, item: SpecItem, start: number, end: number): { start: number; end: number } {
  if (!item.node) return { start: item.start, end: item.end };
  const r = valueRangeToDocument(ctx.parsed.text, item.node, start, end);
  // An empty range (e.g. "the whole empty string") is shown on the quotes instead.
  return r.end > r.start ? r : { start: item.node.start, end: item.node.end };
}

/** A spec problem as a finding on the document. */
export function problemFinding(ctx: RuleContext, item: SpecItem, p: SpecProblem): RuleFinding {
  const where = itemRange(ctx, item, p.start, p.end);
  const f: RuleFinding = {
    ...where,
    code: p.code,
    severity: p.severity,
    message: `${withRelease(ctx, p.message)}${p.xenMessage ? ` xl says: ${oneLine(p.xenMessage)}` : ''}`,
  };
  if (p.replacement && item.node) {
    const r = p.replacement;
    const at = r.end > r.start ? valueRangeToDocument(ctx.parsed.text, item.node, r.start, r.end) : (() => {
      const s = valueRangeToDocument(ctx.parsed.text, item.node!, r.start, r.start).start;
      return { start: s, end: s };
    })();
    const fix: Fix = { title: r.title, edits: [{ ...at, newText: escapeForQuotes(ctx.parsed.text, item.node, r.newText) }], isPreferred: true };
    f.fixes = [fix];
  }
  return f;
}

/** Says which release the behaviour was checked for, when the parser's message does not. */
function withRelease(ctx: RuleContext, message: string): string {
  if (/\bXen \d|all releases|every (Xen )?release/.test(message)) return message;
  return message.endsWith('.') ? `${message.slice(0, -1)} (Xen ${ctx.xenVersion}).` : `${message} (Xen ${ctx.xenVersion})`;
}

/** xl's multi-line messages (cpuid) as one line. */
function oneLine(m: string): string {
  return m.split('\n').map((l) => l.trim()).join(' ');
}

/** Replacement text must survive the config's own quoting. */
function escapeForQuotes(text: string, node: StringValue, s: string): string {
  if (node.token !== 'string') return s;
  const q = text[node.start];
  return s.replace(/\\/g, '\\\\').replace(q === "'" ? /'/g : /"/g, `\\${q}`);
}

/** The findings of every spec of `key`, and of how its list is built. */
export function specFindings(ctx: RuleContext, key: string): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const item of parsedSpecs(ctx, key)) {
    for (const p of item.result.problems) out.push(problemFinding(ctx, item, p));
  }
  for (const p of listProblems(ctx, key)) {
    out.push({
      start: p.start,
      end: p.end,
      code: p.code,
      severity: p.severity,
      message: p.xenMessages.length ? `${p.message} xl says: ${p.xenMessages.join(' / ')}` : p.message,
      ...(p.fixes ? { fixes: p.fixes } : {}),
    });
  }
  return out;
}
