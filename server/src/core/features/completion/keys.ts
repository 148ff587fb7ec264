// Completion of keys (with a snippet for the usual value shape: quotes, a list, the enum's
// names as a choice), of enum values, and of the fields and field values inside spec strings
// (`vdev=`, `backendtype=`, `rdm_policy=` ...), for the selected release.

import type { Analysis } from '../../analyze';
import { allKeys, keyInfo } from '../../catalog';
import type { KeyEntry } from '../../catalog/types';
import { XEN_VERSIONS, type XenVersion } from '../../xen-version';
import { SPEC_FIELDS } from '../../rules/keys/spec-fields';
import { guestTypeOf } from '../../rules/keys/support';
import { acceptedOn, ENUM_KEYS } from '../../rules/keys/invalid-enum-value';
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

// The usual values of the keys nearly every config has, as snippets with placeholders.
const USUAL: Record<string, string> = {
  name: '"${1:guest}"',
  type: '"${1|pvh,hvm,pv|}"',
  memory: '${1:1024}',
  maxmem: '${1:2048}',
  vcpus: '${1:2}',
  maxvcpus: '${1:4}',
  kernel: '"${1:/boot/vmlinuz}"',
  ramdisk: '"${1:/boot/initrd.img}"',
  extra: '"${1:console=hvc0}"',
  root: '"${1:/dev/xvda1 ro}"',
  cmdline: '"${1:root=/dev/xvda1 ro console=hvc0}"',
  bootloader: '"${1:pygrub}"',
  disk: '[ "${1:/dev/vg/guest},${2|raw,qcow2,vhd|},${3:xvda},${4|rw,ro|}" ]',
  vif: '[ "${1:bridge=xenbr0}" ]',
  pci: '[ "${1:0000:01:00.0}" ]',
  channel: '[ "name=${1:org.qemu.guest_agent.0},connection=${2|pty,socket|}" ]',
  vfb: '[ "vnc=1,vnclisten=${1:127.0.0.1}" ]',
  usbctrl: '[ "type=${1|auto,pv,devicemodel,qusb|},version=${2|2,1,3|},ports=${3:4}" ]',
  usbdev: '[ "hostbus=${1:1},hostaddr=${2:2}" ]',
  vtpm: '[ "backend=${1:vtpmmgr}" ]',
  p9: '[ "tag=${1:share},path=${2:/srv/share},security_model=none" ]',
  rdm: '"strategy=host"',
  cpus: '"${1:0-3}"',
  serial: '"${1:pty}"',
  boot: '"${1|c,d,n,cd,dc|}"',
  uuid: '"${1:00000000-0000-0000-0000-000000000000}"',
  on_poweroff: '"${1|destroy,restart,preserve|}"',
  on_reboot: '"${1|restart,destroy,preserve|}"',
  on_crash: '"${1|restart,destroy,preserve,coredump-destroy,coredump-restart|}"',
};

/** The value part of a key's snippet: what the key usually looks like. */
function valueSnippet(e: KeyEntry): string {
  if (USUAL[e.name]) return USUAL[e.name];
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

/** The names the release accepts (the catalog lists every release's union for some keys). */
function enumNames(release: XenVersion, key: string, values: readonly string[]): readonly string[] {
  return (ENUM_KEYS as readonly string[]).includes(key) ? values.filter((v) => acceptedOn(release, key, v)) : values;
}

const FOLLOWED_BY_OP = /^[ \t]*\+?=/;
const WORD_AFTER = /^[^\s#,\]]*/;

// xl reads booleans as numbers: 1 is true, 0 false.
const BOOLEAN_VALUES: readonly string[] = ['1', '0'];

// Key lists and their snippets per release, built once.
const KEYS_BY_RELEASE = new Map<XenVersion, KeyEntry[]>(XEN_VERSIONS.map((v) => [v, allKeys(v)]));

function keyItems(analysis: Analysis, start: number, end: number): CompletionEntry[] {
  const release = analysis.context.xenVersion;
  const text = analysis.parsed.text;
  const hasOp = FOLLOWED_BY_OP.test(text.slice(end, end + 40));
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
  const values = e.enumValues?.length ? enumNames(release, ctx.key, e.enumValues) : e.valueType === 'defbool' || e.valueType === 'boolean' ? BOOLEAN_VALUES : undefined;
  if (!values || SPEC_FIELDS.has(ctx.key)) return [];
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
  // After `=` with no string yet: insert the quoted name (bare for numbers and booleans).
  const bare = e.valueType === 'integer' || values === BOOLEAN_VALUES;
  const tail = WORD_AFTER.exec(text.slice(offset, offset + 200))![0];
  return values.map((v, i) => ({
    label: v,
    kind: 'enum' as const,
    detail: ctx.key,
    documentation: keyMarkdown(ctx.key, release),
    edit: { start: offset, end: offset + tail.length, newText: bare ? v : `"${v}"` },
    sortText: String(i).padStart(3, '0'),
  }));
};
