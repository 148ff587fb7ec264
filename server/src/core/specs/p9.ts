// 9PFS_SPEC_STRING (`p9 = [ "..." ]`): `tag=`, `path=`, `security_model=`, `backend=`, and
// from Xen 4.19 `type=qemu|xen_9pfsd` (any case), `max-files=`, `max-open-files=`,
// `max-space=` (decimal, xl's parse_ulong) and `auto-delete=` (strtoul). Every error makes xl
// exit. Three generations of xl's reader:
//   4.13-4.17  strtok tokens (leading spaces skipped), cut at the first '='; a token without
//              '=' silently ends the spec; tag, path and security_model are required;
//   4.18       keys and values trimmed (split_string_into_pair), an item without '=' or value
//              is an error, the same three are required, an empty spec crashes xl;
//   4.19+      as 4.18 plus the new keys, and nothing is required (xen_9pfsd has a default path).

import { parse } from '../../generated/spec-p9';
import { compareXen, NEWEST_XEN, type XenVersion } from '../xen-version';
import { cStrtoul, xlParseUlong } from './cnum';
import type { GeneratedParse } from './peg';
import { closest, problem, releases } from './problems';
import { asField, fatal, strtoulField, tokenItems, type TokenItem } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export interface P9Spec {
  tag?: SpecField<string>;
  path?: SpecField<string>;
  securityModel?: SpecField<string>;
  backend?: SpecField<string>;
  type?: SpecField<'qemu' | 'xen_9pfsd'>;
  maxFiles?: SpecField<bigint>;
  maxOpenFiles?: SpecField<bigint>;
  maxSpace?: SpecField<bigint>;
  autoDelete?: SpecField<bigint>;
  accepted: boolean;
}

const OLD_KEYS = ['tag', 'path', 'security_model', 'backend'];
const NEW_KEYS = ['type', 'max-files', 'max-open-files', 'max-space', 'auto-delete'];

export function parseP9Spec(text: string, options: SpecParseOptions = {}): SpecParseResult<P9Spec> {
  const version: XenVersion = options.xenVersion ?? NEWEST_XEN;
  const keys = compareXen(version, '4.19') >= 0 ? [...OLD_KEYS, ...NEW_KEYS] : OLD_KEYS;
  const spec: P9Spec = { accepted: true };
  const problems: SpecProblem[] = [];
  const stop = (p: SpecProblem) => {
    problems.push(p);
    spec.accepted = false;
    return { spec, problems };
  };
  const generation = compareXen(version, '4.18') < 0 ? 'strtok' : compareXen(version, '4.19') < 0 ? 'pairs-required' : 'pairs';
  let items = tokenItems(parse as GeneratedParse, text);
  if (generation === 'strtok') {
    // Re-cut the raw items the old way: leading spaces skipped, nothing trimmed, and the
    // first token without '=' ends the spec.
    const cut: TokenItem[] = [];
    for (const it of items) {
      const raw = text.slice(it.start, it.end);
      const body = raw.replace(/^ +/, '');
      const start = it.start + raw.length - body.length;
      const eq = body.indexOf('=');
      if (eq < 0) {
        problems.push(problem({
          code: 'p9-spec-truncated', start, end: text.length, reaction: 'silent',
          message: `\`${body}\` has no \`=\`, so xl ${version} stops reading this 9pfs spec here without a message: everything from here on is ignored.`,
        }));
        break;
      }
      cut.push({ start, end: it.end, text: body, key: { value: body.slice(0, eq), start, end: start + eq }, value: { value: body.slice(eq + 1), start: start + eq + 1, end: it.end }, rawValueLength: body.length - eq - 1 });
    }
    items = cut;
  } else if (items.length === 0) {
    return stop(problem({
      code: 'p9-empty-crash', start: 0, end: text.length, reaction: 'crash',
      message: `An empty p9 spec makes xl crash (segmentation fault; ${releases('4.18')}). Give at least \`tag=\` and \`path=\`, or remove the entry.`,
    }));
  }
  for (const it of items) {
    if (generation !== 'strtok' && (!it.key || it.rawValueLength === 0)) {
      return stop(fatal(it.start, it.end, 'p9-item-invalid', `failed to parse 9pfs configuration: ${it.text}`,
        it.key ? `\`${it.text}\` has no value after \`=\`` : `\`${it.text}\` has no \`=\` (9pfs options are written key=value)`));
    }
    const k = it.key!.value;
    const v = it.value!;
    if (!keys.includes(k)) {
      const newer = NEW_KEYS.includes(k) ? ` (\`${k}=\` exists only from Xen 4.19; this is Xen ${version})` : '';
      const guess = newer ? undefined : closest(k, keys);
      return stop(fatal(it.key!.start, it.key!.end, 'p9-option-unknown', generation === 'strtok' ? `Unknown string \`${k}' in 9pfs spec` : `Unknown 9pfs parameter '${k}'`,
        `Unknown 9pfs option \`${k}\`${newer}${guess ? ` (did you mean \`${guess}\`?)` : ''}`, 1,
        guess ? { title: `Change to \`${guess}\``, newText: guess, start: it.key!.start, end: it.key!.end } : undefined));
    }
    switch (k) {
      case 'tag': spec.tag = asField(v); break;
      case 'path': spec.path = asField(v); break;
      case 'security_model': spec.securityModel = asField(v); break;
      case 'backend': spec.backend = asField(v); break;
      case 'type': {
        const t = v.value.toLowerCase();
        if (t === 'qemu' || t === 'xen_9pfsd') spec.type = { ...asField(v), value: t };
        else if (t !== 'unknown') {
          const guess = closest(v.value, ['qemu', 'xen_9pfsd']);
          return stop(fatal(v.start, v.end, 'p9-type-unknown', `failed to parse 9pfs type: ${v.value}`,
            `Unknown 9pfs type \`${v.value}\` (use qemu or xen_9pfsd)`, 1,
            guess ? { title: `Change to \`${guess}\``, newText: guess, start: v.start, end: v.end } : undefined));
        }
        break;
      }
      case 'max-files':
      case 'max-open-files':
      case 'max-space': {
        const n = xlParseUlong(v.value);
        if (!n.ok) return stop(fatal(v.start, v.end, 'p9-number-invalid', `xl: failed to convert "${v.value}" to number`, `\`${k}=${v.value}\` is not a decimal number`));
        const f = { value: n.value, start: v.start, end: v.end };
        if (k === 'max-files') spec.maxFiles = f;
        else if (k === 'max-open-files') spec.maxOpenFiles = f;
        else spec.maxSpace = f;
        const r = cStrtoul(v.value, 10);
        if (r.end < v.value.length) {
          problems.push(problem({
            code: 'p9-number-junk', start: v.start + r.end, end: v.end, reaction: 'silent',
            message: `xl reads \`${k}\` as ${n.value} and ignores the rest of the value without a message${k === 'max-space' ? ' (the unit is always MiB)' : ''}; remove it.`,
          }));
        }
        break;
      }
      case 'auto-delete': spec.autoDelete = strtoulField(k, v, problems, 'p9-number'); break;
    }
  }
  if (generation !== 'pairs' && (!spec.path || !spec.securityModel || !spec.tag)) {
    const missing = [!spec.tag && 'tag', !spec.path && 'path', !spec.securityModel && 'security_model'].filter(Boolean).join(', ');
    return stop(fatal(0, text.length, 'p9-missing-required', '9pfs spec missing required field!', `Xen ${version} requires tag, path and security_model in a 9pfs spec; missing: ${missing}`));
  }
  return { spec, problems };
}
