// Problems of the list that holds the spec strings, rather than of one string: what xl
// does with an element that is not a string (a nested list), and, for the list-of-lists
// keys, with an element that is not a list.

import type { Fix, Severity } from '../../findings';
import type { RuleContext } from '../context';
import { specLanguageFor } from '../../specs';
import { xenAtLeast } from '../../xen-version';
import type { XlReaction } from '../../specs/types';

export interface ListProblem {
  start: number;
  end: number;
  code: string;
  severity: Severity;
  reaction: XlReaction;
  exitStatus?: number;
  message: string;
  /** The lines xl prints, in order (without the file name prefix). */
  xenMessages: string[];
  fixes?: Fix[];
}

/** The first list item xl cannot read as a string (a nested list), if any. */
export function nestedListItem(ctx: RuleContext, key: string): { index: number; start: number; end: number; remaining: number } | undefined {
  const setting = ctx.view.setting(key);
  const value = setting && (setting.accumulated ?? setting.value);
  if (!value || value.kind !== 'list') return undefined;
  const index = value.items.findIndex((it) => it.kind !== 'string');
  if (index < 0) return undefined;
  const it = value.items[index];
  return { index, start: it.start, end: it.end, remaining: value.items.length - index };
}

export function listProblems(ctx: RuleContext, key: string): ListProblem[] {
  const lang = specLanguageFor(key);
  if (!lang || (lang.since && !xenAtLeast(ctx.xenVersion, lang.since))) return [];
  const setting = ctx.view.setting(key);
  const value = setting && (setting.accumulated ?? setting.value);
  if (!setting || !value) return [];
  const out: ListProblem[] = [];
  if (lang.shape === 'list-of-lists') {
    if (value.kind !== 'list') {
      if (key === 'vnuma') {
        out.push({
          start: setting.value.start, end: setting.value.end, code: 'vnuma-not-list', severity: 'warning', reaction: 'silent', xenMessages: [],
          message: '`vnuma` must be a list of node lists; xl ignores this value without a message (all releases), so the guest gets no virtual NUMA topology.',
        });
      }
      return out;
    }
    const bad = value.items.find((n) => n.kind !== 'list');
    if (bad) {
      const line = `${setting.line}:0: warning: value is not a list`;
      if (key === 'vsnd') {
        out.push({
          start: bad.start, end: bad.end, code: 'vsnd-card-not-list', severity: 'error', reaction: 'fatal', exitStatus: 1,
          xenMessages: [line, 'Failed to get vsnd card list: Invalid argument'],
          message:
            'Each vsnd card must be a list of item strings, e.g. [ "CARD, short-name=Main", "PCM, name=Main", "STREAM, unique-id=0, type=p" ]: ' +
            '`xl create` stops with exit status 1 and the domain is not created (all releases).',
        });
      } else if (key === 'vnuma') {
        out.push({
          start: bad.start, end: bad.end, code: 'vnuma-node-not-list', severity: 'error', reaction: 'fatal', exitStatus: 1,
          xenMessages: [line, 'xl: cannot get vnode config option list'],
          message:
            'Each vNUMA node must itself be a list, e.g. [ "pnode=0", "size=512", "vcpus=0", "vdistances=10" ]: `xl create` stops with exit status 1 ' +
            'and the domain is not created (all releases).',
        });
      }
    }
    return out;
  }
  if (lang.shape === 'string') return out;
  const nested = nestedListItem(ctx, key);
  if (!nested) return out;
  // A one-string nested list (`[ "x" ]` where `"x"` was meant) has an obvious fix.
  const node = (value.kind === 'list' ? value.items[nested.index] : undefined);
  const only = node && node.kind === 'list' && node.items.length === 1 && node.items[0].kind === 'string' ? node.items[0] : undefined;
  const fixes: Fix[] | undefined = only
    ? [{ title: 'Use the string inside', edits: [{ start: nested.start, end: nested.end, newText: ctx.parsed.text.slice(only.start, only.end) }], isPreferred: true }]
    : undefined;
  if (lang.nonString === 'fatal') {
    out.push({
      start: nested.start, end: nested.end, code: 'spec-list-nested-fatal', severity: 'error', reaction: 'fatal', exitStatus: 1,
      xenMessages: [lang.nonStringMessage!.replace('%d', String(nested.index))], fixes,
      message: `Every element of \`${key}\` must be a string: at this nested list \`xl create\` stops with exit status 1 and the domain is not created (all releases).`,
    });
  } else if (lang.nonString === 'crash') {
    out.push({
      start: nested.start, end: nested.end, code: 'spec-list-nested-crash', severity: 'error', reaction: 'crash', xenMessages: [], fixes,
      message: `A nested list inside \`${key}\` makes xl crash (segmentation fault: it compares a missing string) on all releases. Write a string here.`,
    });
  } else if (lang.nonString === 'crash-affinity') {
    // parse_vcpu_affinity sizes its table by the list length but fills it only up to here.
    out.push({
      start: nested.start, end: nested.end, code: 'spec-list-nested-crash', severity: 'error', reaction: 'crash', xenMessages: [], fixes,
      message:
        `xl stops reading \`${key}\` at this nested list but still makes room for every element, so the vCPUs from number ${nested.index} on ` +
        'get an uninitialised CPU map and xl crashes (segmentation fault) when the guest has that many vCPUs (all releases). Write a string here.',
    });
  } else {
    out.push({
      start: nested.start, end: nested.end, code: 'spec-list-nested', severity: 'warning', reaction: 'silent', xenMessages: [], fixes,
      message:
        `xl stops reading \`${key}\` at this nested list: it and the ${nested.remaining - 1} item(s) after it are ignored without any message (all releases). ` +
        'Write each device as a string.',
    });
  }
  return out;
}
