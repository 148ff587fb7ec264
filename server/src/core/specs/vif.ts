// NET_SPEC_STRING (`vif = [ "..." ]` items), read as xl's parse_nic_config does. Most vif
// problems are NOT fatal: xl ignores parse_nic_config's result for config files, so it
// prints the message and creates the NIC with whatever it did read. Fatal are only the
// numeric keys (devid, mtu: xl exits) and `rate=` (libxlutil's xlu_vif_parse_rate).

import { parse as parseVifGrammar } from '../../generated/spec-vif';
import { compareXen, NEWEST_XEN, type XenVersion } from '../xen-version';
import { cStrtoul, xlParseUlong } from './cnum';
import { runTotal, type GeneratedParse } from './peg';
import { closest, problem, releases, xlExits } from './problems';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';
import { memoizeSpec } from './memo';

const grammar = parseVifGrammar as GeneratedParse;

export interface VifRate {
  bytesPerInterval: bigint;
  intervalUsecs: number;
}

export interface VifSpec {
  /** Every option as written, in order (later ones win in xl). */
  options: Array<{ key: SpecField<string> | null; value: SpecField<string> | null; start: number; end: number }>;
  type?: SpecField<'vif' | 'ioemu'>;
  /** The MAC bytes xl stored (a bad MAC keeps the groups read before the bad one). */
  mac?: SpecField<number[]>;
  bridge?: SpecField<string>;
  gatewaydev?: SpecField<string>;
  ip?: SpecField<string>;
  script?: SpecField<string>;
  backend?: SpecField<string>;
  vifname?: SpecField<string>;
  model?: SpecField<string>;
  vlan?: SpecField<string>;
  rate?: SpecField<VifRate>;
  devid?: SpecField<bigint>;
  mtu?: SpecField<bigint>;
  trusted?: SpecField<boolean>;
  /** forwarddev and the colo_* keys (COLO). */
  colo: Record<string, SpecField<string>>;
  /** False when xl exits on this spec. */
  accepted: boolean;
}

const COLO_KEYS: string[] = (() => {
  const keys = ['forwarddev'];
  const idIpPort = (p: string) => ['id', 'ip', 'port'].map((s) => `${p}_${s}`);
  keys.push(...idIpPort('colo_sock_mirror'));
  for (const x of ['sec_in', 'pri_in', 'notify']) keys.push(...idIpPort(`colo_sock_compare_${x}`));
  for (const n of [0, 1, 2]) keys.push(...idIpPort(`colo_sock_redirector${n}`));
  keys.push('colo_filter_mirror_queue', 'colo_filter_mirror_outdev');
  for (const n of [0, 1]) keys.push(...['queue', 'indev', 'outdev'].map((s) => `colo_filter_redirector${n}_${s}`));
  keys.push('colo_compare_pri_in', 'colo_compare_sec_in', 'colo_compare_out', 'colo_compare_notify_dev');
  for (const n of [0, 1]) keys.push(...idIpPort(`colo_sock_sec_redirector${n}`));
  for (const n of [0, 1]) keys.push(...['queue', 'indev', 'outdev'].map((s) => `colo_filter_sec_redirector${n}_${s}`));
  keys.push('colo_filter_sec_rewriter0_queue', 'colo_checkpoint_host', 'colo_checkpoint_port');
  return keys;
})();

/** The keys xl matches, with the first release that knows each (absent = every release). */
const SINCE: Record<string, XenVersion> = { mtu: '4.15', vlan: '4.19', trusted: '4.17', untrusted: '4.17' };
const STRING_KEYS = ['bridge', 'gatewaydev', 'ip', 'script', 'backend', 'vifname', 'model', 'vlan'] as const;
export const VIF_KEYS = ['type', 'mac', ...STRING_KEYS, 'netdev', 'rate', 'accel', 'devid', 'mtu', ...COLO_KEYS];

interface Span {
  value: string;
  start: number;
  end: number;
}
interface GItem {
  start: number;
  end: number;
  text: string;
  key: Span | null;
  value: Span | null;
}

function parseVifSpecUncached(text: string, options: SpecParseOptions = {}): SpecParseResult<VifSpec> {
  const version: XenVersion = options.xenVersion ?? NEWEST_XEN;
  const known = (key: string) => !SINCE[key] || compareXen(version, SINCE[key]) >= 0;
  const items = runTotal<GItem[]>(grammar, text, 'Spec', []);
  const spec: VifSpec = { options: [], colo: {}, accepted: true };
  const problems: SpecProblem[] = [];

  const warn = (start: number, end: number, code: string, xenMessage: string | undefined, message: string, replacement?: SpecProblem['replacement']) =>
    problems.push(problem({ code, start, end, reaction: 'warning', xenMessage, message, replacement }));
  const fatal = (start: number, end: number, code: string, xenMessage: string, message: string) => {
    spec.accepted = false;
    problems.push(problem({ code, start, end, reaction: 'fatal', exitStatus: 1, xenMessage, message: `${message}: ${xlExits(1)}.` }));
  };

  for (const it of items) {
    spec.options.push({ key: it.key, value: it.value, start: it.start, end: it.end });
    const key = it.key && known(it.key.value) && VIF_KEYS.includes(it.key.value) ? it.key.value : null;
    const value = it.value!;
    if (key === null) {
      if ((it.text === 'trusted' || it.text === 'untrusted') && known(it.text)) {
        spec.trusted = { value: it.text === 'trusted', start: it.start, end: it.end };
        continue;
      }
      const name = it.key ? it.key.value : it.text;
      const newer = SINCE[name] && !known(name) ? ` \`${name}\` exists only from Xen ${SINCE[name]} (this is Xen ${version}).` : '';
      const guess = newer ? undefined : closest(name, [...VIF_KEYS, 'trusted', 'untrusted'].filter(known));
      const bareKey = !it.key && VIF_KEYS.includes(it.text);
      warn(
        it.start,
        it.key ? it.key.end : it.end,
        'vif-option-unknown',
        `unrecognized argument \`${it.text}'`,
        (bareKey
          ? `\`${it.text}\` needs a value (\`${it.text}=...\`): xl prints a warning and ignores it; the interface is still created.`
          : `Unknown vif option \`${name}\`: xl prints a warning and ignores it; the interface is still created without it.`) +
          newer +
          (guess && !bareKey ? ` Did you mean \`${guess}\`?` : ''),
        guess && it.key && !bareKey ? { title: `Change to \`${guess}\``, newText: guess, start: it.key.start, end: it.key.end } : undefined,
      );
      continue;
    }
    const v: SpecField<string> = { value: value.value, start: value.start, end: value.end };
    switch (key) {
      case 'type':
        if (v.value === 'vif' || v.value === 'ioemu') spec.type = { ...v, value: v.value };
        else
          warn(v.start, v.end, 'vif-type-unknown', "Invalid parameter `type'.",
            `Unknown vif type \`${v.value}\` (use \`vif\` or \`ioemu\`): xl prints a warning and keeps the default type.`);
        break;
      case 'mac':
        readMac(v, spec, problems);
        break;
      case 'netdev':
        spec.gatewaydev = v;
        warn(it.key!.start, it.key!.end, 'vif-netdev-deprecated', 'the netdev parameter is deprecated, please use gatewaydev instead',
          '`netdev=` is deprecated: xl prints a warning and uses it as `gatewaydev=`. Rename it.',
          { title: 'Rename to `gatewaydev`', newText: 'gatewaydev', start: it.key!.start, end: it.key!.end });
        break;
      case 'accel':
        warn(it.start, it.end, 'vif-accel-unsupported', 'the accel parameter for vifs is currently not supported',
          '`accel=` is not supported: xl prints a warning and ignores it. Remove it.');
        break;
      case 'devid':
      case 'mtu': {
        const n = xlParseUlong(v.value);
        if (!n.ok) {
          fatal(v.start, v.end, `vif-${key}-invalid`, `xl: failed to convert "${v.value}" to number`, `\`${key}=${v.value}\` is not a decimal number`);
        } else {
          spec[key] = { value: n.value, start: v.start, end: v.end };
          const r = cStrtoul(v.value, 10);
          if (r.end < v.value.length) {
            problems.push(problem({
              code: 'vif-number-junk', start: v.start + r.end, end: v.end, reaction: 'silent',
              message: `xl reads \`${key}\` as ${n.value} and ignores the rest of the value without a message; remove it.`,
            }));
          }
        }
        break;
      }
      case 'rate': {
        const r = parseVifRate(v.value, v.start);
        if ('problem' in r) {
          spec.accepted = false;
          problems.push(r.problem);
        } else spec.rate = { value: r.rate, start: v.start, end: v.end };
        break;
      }
      default:
        if ((STRING_KEYS as readonly string[]).includes(key)) {
          spec[key as (typeof STRING_KEYS)[number]] = v;
          if (/\s$/.test(v.value) && v.value.trim() !== '') {
            const trimmedEnd = v.start + v.value.replace(/\s+$/, '').length;
            problems.push(problem({
              code: 'vif-value-trailing-blank', start: trimmedEnd, end: v.end, reaction: 'silent',
              message: `The blank at the end is part of the \`${key}\` value (xl does not trim it), so \`${v.value}\` will not match the name you meant. Remove it.`,
              replacement: { title: 'Remove the trailing blank', newText: '', start: trimmedEnd, end: v.end },
            }));
          }
        } else spec.colo[key] = v;
    }
  }
  return { spec, problems };
}

function readMac(v: SpecField<string>, spec: VifSpec, problems: SpecProblem[]): void {
  const bytes: number[] = [];
  let p = 0;
  for (let i = 0; i < 6; i++) {
    const r = cStrtoul(v.value, 16, p);
    const val = r.value & 0xffffffffn; // stored in an unsigned int
    if (!r.read || val > 255n || p > v.value.length) {
      // Underline the group up to the next separator.
      const groupEnd = Math.min(v.value.length, Math.max(r.end, v.value.slice(p).search(/[:\-.]|$/) + p));
      const start = v.start + Math.min(p, v.value.length);
      problems.push(problem({
        code: 'vif-mac-invalid',
        start: p >= v.value.length ? v.start : start,
        end: p >= v.value.length ? v.end : Math.max(v.start + groupEnd, start + 1),
        reaction: 'warning',
        xenMessage: "Invalid parameter `mac'.",
        message:
          (p >= v.value.length ? `The MAC address has only ${i} of its 6 groups` : `MAC group ${i + 1} is not a hexadecimal number up to ff`) +
          `: xl prints a warning and creates the interface with only the first ${i} bytes of this MAC set. Write six groups such as 00:16:3e:xx:yy:zz.`,
      }));
      spec.mac = { value: [...bytes, ...Array(6 - bytes.length).fill(0)], start: v.start, end: v.end };
      return;
    }
    bytes.push(Number(val));
    p = r.end + 1; // xl skips exactly one character after each group, whatever it is
  }
  spec.mac = { value: bytes, start: v.start, end: v.end };
  const used = Math.min(p - 1, v.value.length);
  if (used < v.value.length) {
    problems.push(problem({
      code: 'vif-mac-junk', start: v.start + used, end: v.end, reaction: 'silent',
      message: 'xl ignores this text after the sixth MAC group without a message; remove it.',
      replacement: { title: 'Remove the ignored text', newText: '', start: v.start + used, end: v.end },
    }));
  }
}

const UINT32_MAX = 0xffffffffn;
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * xlu_vif_parse_rate: RATE[@INTERVAL]. RATE is `[0-9]+[GMK]?[Bb]/s` read with strtoull base 0
 * (a leading 0 is octal); INTERVAL is `[0-9]+[mu]?s?` (no unit = seconds), 50 ms by default.
 * `offset` is where the rate value starts in the spec string.
 */
export function parseVifRate(rate: string, offset = 0): { rate: VifRate } | { problem: SpecProblem } {
  const g = runTotal<{ amount: Span; interval: Span | null }>(grammar, rate, 'Rate', { amount: { value: rate, start: 0, end: rate.length }, interval: null });
  const fail = (start: number, end: number, code: string, msg: string, shown: string, rc: 'EINVAL' | 'EOVERFLOW', why: string) => ({
    problem: problem({
      code,
      start: offset + start,
      end: offset + end,
      reaction: 'fatal',
      exitStatus: 1,
      xenMessage: `config parsing error in vif: ${msg} in \`${shown}'`,
      message: `${why}: ${xlExits(1)} (${releases('4.13')}; libxlutil reports ${rc}).`,
    }),
  });
  const amount = g.amount.value;
  if (amount === '') return fail(0, rate.length, 'vif-rate-missing', 'no rate specified', rate, 'EINVAL', 'The rate has no amount before `@` (write e.g. `10Mb/s@20ms`)');
  if (!/^[0-9]+[GMK]?[Bb]\/s$/.test(amount)) {
    return fail(0, amount.length, 'vif-rate-invalid', 'invalid rate', amount, 'EINVAL',
      `\`${amount}\` is not a rate: write digits, an optional upper-case G, M or K, then B/s (bytes) or b/s (bits), e.g. \`10Mb/s\``);
  }
  const n = cStrtoul(amount, 0);
  if (n.value === 0n || n.value > UINT32_MAX || n.overflow) {
    return fail(0, amount.length, 'vif-rate-overflow', 'rate overflow', amount, 'EOVERFLOW',
      n.value === 0n
        ? `\`${amount}\` reads as 0${/^0[0-9]/.test(amount) ? ' (a leading 0 makes the number octal)' : ''}; the rate must be at least 1`
        : `The number in \`${amount}\` is above 4294967295`);
  }
  let bytesPerSec = n.value;
  const unit = amount[n.end];
  if (unit === 'G') bytesPerSec *= 1000000000n;
  else if (unit === 'M') bytesPerSec *= 1000000n;
  else if (unit === 'K') bytesPerSec *= 1000n;
  if (unit === 'b' || amount[n.end + 1] === 'b') bytesPerSec /= 8n;
  let intervalUsecs = 50000n;
  if (g.interval) {
    const iv = g.interval;
    if (!/^[0-9]+[mu]?s?$/.test(iv.value)) {
      return fail(iv.start, iv.end, 'vif-rate-interval-invalid', 'invalid replenishment interval', iv.value, 'EINVAL',
        `\`${iv.value}\` is not an interval: write digits and s, ms or us (no unit means seconds), e.g. \`@20ms\``);
    }
    const t = cStrtoul(iv.value, 0);
    if (t.value === 0n || t.value > UINT32_MAX || t.overflow) {
      return fail(iv.start, iv.end, 'vif-rate-interval-overflow', 'replenishment interval overflow', iv.value, 'EOVERFLOW',
        t.value === 0n ? `The interval \`${iv.value}\` reads as 0` : `The interval \`${iv.value}\` is too large`);
    }
    let us = t.value;
    const u = iv.value[t.end];
    if (u === 's' || u === undefined) us *= 1000000n;
    else if (u === 'm') us *= 1000n;
    if (us > UINT32_MAX) {
      return fail(iv.start, iv.end, 'vif-rate-interval-overflow', 'replenishment interval overflow', iv.value, 'EOVERFLOW',
        `The interval \`${iv.value}\` is above 4294967295 microseconds (about 71 minutes)${u === undefined ? '; without a unit it is in seconds' : ''}`);
    }
    intervalUsecs = us;
  }
  if (bytesPerSec > UINT64_MAX / intervalUsecs) {
    return fail(0, rate.length, 'vif-rate-overflow', 'rate overflow', rate, 'EOVERFLOW', 'The rate times the interval does not fit in 64 bits');
  }
  return { rate: { bytesPerInterval: (bytesPerSec * intervalUsecs) / 1000000n, intervalUsecs: Number(intervalUsecs) } };
}

/** parseVifSpec, parsed once per distinct (release, string): see memo.ts. */
export const parseVifSpec = memoizeSpec(parseVifSpecUncached);
