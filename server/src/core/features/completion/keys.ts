// Completion of keys (with a snippet for the usual value shape: quotes, a list, the enum's
// names as a choice), of enum values, and of the fields and field values inside spec strings
// (`vdev=`, `backendtype=`, `rdm_policy=` ...), for the selected release.

import type { Analysis } from '../../analyze';
import { allKeys, keyInfo } from '../../catalog';
import type { KeyEntry } from '../../catalog/types';
import { XEN_VERSIONS, type XenVersion } from '../../xen-version';
import { SPEC_FIELDS } from '../../rules/keys/spec-fields';
import { guestTypeOf } from '../../rules/keys/support';
import { fieldMarkdown, keyContextAt, keyMarkdown, specSegmentAt } from '../hover/keys';
import type { CompletionEntry, CompletionProvider } from './index';

const TYPE_DETAIL: Record<string, string> = {
  defbool: 'boolean',
  boolean: 'boolean',
  integer: 'number',
  'list-of-specs': 'list',
  'list-of-strings': 'list',
  'list-of-lists': 'list of lists',
  'string-or-list': 'string or list',
  'spec-string': 'spec string',
};

/** The value part of a key's snippet: what the key usually looks like. */
function valueSnippet(e: KeyEntry): string {
  switch (e.valueType) {
    case 'defbool':
    case 'boolean':
      return '${1|1,0|}';
    case 'integer':
      return e.enumValues?.length ? `\${1|${e.enumValues.join(',')}|}` : '${1:0}';
    case 'enum':
      return e.enumValues?.length ? `"\${1|${e.enumValues.join(',')}|}"` : '"$1"';
    case 'list-of-specs':
    case 'list-of-strings':
    case 'list-of-strings|boolean':
      return '[ "$1" ]';
    case 'list-of-lists':
      return '[ [ "$1" ] ]';
    default:
      return '"$1"';
  }
}

// Key lists and their snippets per release, built once.
const KEYS_BY_RELEASE = new Map<XenVersion, KeyEntry[]>(XEN_VERSIONS.map((v) => [v, allKeys(v)]));

function keyItems(analysis: Analysis, start: number, end: number): CompletionEntry[] {
  const release = analysis.context.xenVersion;
  const text = analysis.parsed.text;
  const hasOp = /^[ \t]*\+?=/.test(text.slice(end, end + 40));
  const type = guestTypeOf(analysis.context);
  const out: CompletionEntry[] = [];
  for (const e of KEYS_BY_RELEASE.get(release) ?? []) {
    const forType = !type || e.guestTypes.includes(type);
    const set = analysis.view.has(e.name) && analysis.view.setting(e.name)!.nameStart !== start;
    out.push({
      label: e.name,
      kind: 'key',
      detail: `${TYPE_DETAIL[e.valueType] ?? e.valueType}${e.units ? ` (${e.units})` : ''} · Xen ${e.since}+${forType ? '' : ` · no effect on ${type!.toUpperCase()}`}`,
      documentation: keyMarkdown(e.name, release),
      edit: { start, end, newText: hasOp ? e.name : `${e.name} = ${valueSnippet(e)}` },
      snippet: !hasOp,
      sortText: `${e.deprecated || !forType ? 2 : set ? 1 : 0}${e.name}`,
      deprecated: !!e.deprecated,
    });
  }
  return out;
}

export const keysCompletion: CompletionProvider = (analysis: Analysis, offset: number) => {
  const ctx = keyContextAt(analysis.parsed, offset);
  if (!ctx) return undefined;
  const text = analysis.parsed.text;
  const release = analysis.context.xenVersion;
  if (ctx.kind === 'key') return keyItems(analysis, ctx.start, offset < ctx.end ? ctx.end : offset);
  const e = keyInfo(ctx.key, release);
  if (!e) return undefined;
  const fields = SPEC_FIELDS.get(ctx.key);
  if (ctx.string && fields) {
    const seg = specSegmentAt(text, ctx.string, offset);
    if (seg.eq >= 0 && offset > seg.eq) {
      const name = text.slice(seg.start, seg.eq).trim();
      const field = fields.find((x) => x.name === name && x.values);
      if (!field) return [];
      return field.values!.map((v, i) => ({
        label: v,
        kind: 'enum' as const,
        detail: `${ctx.key} ${name}=`,
        documentation: fieldMarkdown(ctx.key, field),
        edit: { start: seg.eq + 1, end: seg.end, newText: v },
        sortText: String(i).padStart(3, '0'),
      }));
    }
    return fields.map((field, i) => ({
      label: field.flag ? field.name : `${field.name}=`,
      kind: 'value' as const,
      detail: `${ctx.key} spec${field.since ? ` · Xen ${field.since}+` : ''}`,
      documentation: fieldMarkdown(ctx.key, field),
      edit: { start: seg.start, end: seg.eq >= 0 ? seg.eq + 1 : offset, newText: field.flag ? field.name : `${field.name}=` },
      sortText: String(i).padStart(3, '0'),
    }));
  }
  const values = e.enumValues;
  if (!values?.length || SPEC_FIELDS.has(ctx.key)) return [];
  if (ctx.string) {
    return values.map((v, i) => ({
      label: v,
      kind: 'enum' as const,
      detail: ctx.key,
      documentation: keyMarkdown(ctx.key, release),
      edit: { start: ctx.string!.start, end: ctx.string!.end, newText: v },
      filterText: v,
      sortText: String(i).padStart(3, '0'),
    }));
  }
  // After `=` with no string yet: insert the quoted name (bare for the numeric enums).
  const bare = e.valueType === 'integer';
  const tail = text.slice(offset).match(/^[^\s#,\]]*/)![0];
  return values.map((v, i) => ({
    label: v,
    kind: 'enum' as const,
    detail: ctx.key,
    documentation: keyMarkdown(ctx.key, release),
    edit: { start: offset, end: offset + tail.length, newText: bare ? v : `"${v}"` },
    sortText: String(i).padStart(3, '0'),
  }));
};
