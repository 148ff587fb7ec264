// What xl makes of `rdm="…"` (libxlu_pci.c:xlu_rdm_parse()), release by release. xl ignores a
// failed parse without a word, so the layout must know exactly which strings take effect:
//   4.6–4.13: only `strategy=host,policy=strict|relaxed`, in that order, parses.
//   4.14:     any order, either key alone; values are case-sensitive.
//   4.15+:    the policy test is inverted (bdc0799fe2, still in 4.22): a *valid* policy makes
//             the whole string fail; an invalid one prints "Unknown RDM policy: …" and parses.

import { xenAtLeast } from '../xen-version';
import type { RdmPolicy } from './types';

export interface RdmOption {
  /** The parse succeeded, so xl copies strategy and policy into the build info. */
  ok: boolean;
  strategy: 'host' | 'ignore';
  /** Set only when a policy was parsed and taken. */
  policy?: RdmPolicy;
  /** What libxlutil prints (no newline in Xen's output). */
  messages: string[];
  why: string;
}

export function parseRdmOption(text: string | undefined, xen: string): RdmOption {
  if (text === undefined) return { ok: false, strategy: 'ignore', messages: [], why: 'no `rdm` option: strategy "ignore"' };
  const ignored = (why: string, messages: string[] = []): RdmOption => ({
    ok: false,
    strategy: 'ignore',
    messages,
    why: `xl silently ignores \`rdm="${text}"\` on ${xen}: ${why}`,
  });

  if (!xenAtLeast(xen, '4.14')) {
    const m = /^strategy=host,policy=(strict|relaxed)$/.exec(text);
    if (!m) return ignored('before 4.14 only the exact form `strategy=host,policy=strict|relaxed` parses');
    return { ok: true, strategy: 'host', policy: m[1] as RdmPolicy, messages: [], why: `\`rdm="${text}"\`` };
  }

  // The state machine of 4.14+: `key=value` pairs separated by commas, the string must end
  // right after a value.
  let strategy: 'host' | undefined;
  let policy: RdmPolicy | undefined;
  const messages: string[] = [];
  const parts = text.split(',');
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const eq = part.indexOf('=');
    if (eq < 0) {
      // No `=` before the next comma or the end: libxlutil keeps scanning for one across
      // commas; at the end of the string the parse fails without a message.
      return ignored('an option without `=` never completes', messages);
    }
    const key = part.slice(0, eq);
    const value = parts.slice(k).join(',').slice(eq + 1).split(',')[0];
    if (key === 'strategy') {
      if (value !== 'host') return ignored(`unknown strategy "${value}"`, [...messages, `Unknown RDM strategy option: ${value}`]);
      strategy = 'host';
    } else if (key === 'policy') {
      if (xenAtLeast(xen, '4.15')) {
        // 4.15+ converts with libxl_rdm_reserve_policy_from_string(): case-insensitive, and
        // "invalid" is a member of the enum too.
        if (/^(strict|relaxed|invalid)$/i.test(value)) return ignored('since 4.15 a valid `policy=` makes the parser fail (inverted test, still present in 4.22)', messages);
        messages.push(`Unknown RDM policy: ${value}`);
      } else {
        if (value !== 'strict' && value !== 'relaxed') return ignored(`unknown policy "${value}"`, [...messages, `Unknown RDM property policy value: ${value}`]);
        policy = value as RdmPolicy;
      }
    } else {
      return ignored(`unknown option "${key}"`, [...messages, `Unknown RDM state option: ${key}`]);
    }
  }
  if (parts[parts.length - 1] === '' && parts.length > 1) return ignored('the string ends with a comma', messages);
  return {
    ok: true,
    strategy: strategy ?? 'ignore',
    policy,
    messages,
    why: `\`rdm="${text}"\`${strategy ? '' : ' (no strategy: "ignore")'}`,
  };
}
