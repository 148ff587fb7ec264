// `cpuid` (x86, every guest type). Two forms, and xl treats every error in either as a
// warning: it prints the message, skips that flag or line, and creates the domain.
// - String (libxl form): "host,name=value,...": the first word must be exactly `host`
//   (else the whole string is ignored); each name is a named field or, from Xen 4.18, any
//   CPU feature; a value is a number (strtoul base 0) or x, k, s (MSR features: exactly one
//   of 0, 1, x, k, s).
// - List (xend form): each element "leaf[,subleaf]:eXx=<32 policy chars>[,eXx=...]".

import { parse } from '../../generated/spec-cpuid';
import { compareXen, NEWEST_XEN, type XenVersion } from '../xen-version';
import { cStrtoul } from './cnum';
import { CPUID_NAMES } from './cpuid-names';
import type { GeneratedParse } from './peg';
import { runTotal } from './peg';
import { closest, problem } from './problems';
import type { TokenItem } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export interface CpuidSpec {
  form: 'libxl' | 'xend';
  /** String form: the flags xl applies. */
  flags: Array<{ name: SpecField<string>; value: SpecField<string> }>;
  /** List form: the leaf, subleaf and registers of this line. */
  leaf?: SpecField<bigint>;
  subleaf?: SpecField<bigint>;
  registers: Array<{ reg: SpecField<string>; policy: SpecField<string> }>;
  /** False when xl ignores the whole string (or line). */
  accepted: boolean;
}

export interface CpuidParseOptions extends SpecParseOptions {
  /** The value is the single string of the libxl form (else: one element of the xend list). */
  scalar?: boolean;
}

function knownName(name: string, version: XenVersion) {
  const n = CPUID_NAMES.get(name);
  return n && compareXen(version, n.since) >= 0 ? n : undefined;
}

export function parseCpuidSpec(text: string, options: CpuidParseOptions = {}): SpecParseResult<CpuidSpec> {
  return options.scalar === false ? parseXendLine(text) : parseLibxlString(text, options.xenVersion ?? NEWEST_XEN);
}

function parseLibxlString(text: string, version: XenVersion): SpecParseResult<CpuidSpec> {
  const spec: CpuidSpec = { form: 'libxl', flags: [], registers: [], accepted: true };
  const problems: SpecProblem[] = [];
  const items = runTotal<TokenItem[]>(parse as GeneratedParse, text, 'Flags', []);
  if (items.length === 0) return { spec, problems };
  const first = items[0];
  if (first.text !== 'host') {
    spec.accepted = false;
    const fix = first.text.trim() === 'host' || first.key
      ? { title: first.key ? 'Insert `host,`' : 'Change to `host`', newText: first.key ? 'host,' : 'host', start: first.start, end: first.key ? first.start : first.end }
      : undefined;
    problems.push(problem({
      code: 'cpuid-not-host', start: first.start, end: first.end, reaction: 'warning',
      xenMessage: `while parsing CPUID string: "${text}":\n  error: first word must be "host"`,
      message: `The cpuid string must start with \`host\` (e.g. "host,${first.key ? first.text : 'tm=0'}"): xl prints an error and ignores the whole string, so the guest gets the default CPUID policy.`,
      replacement: fix,
    }));
    return { spec, problems };
  }
  for (const it of items.slice(1)) {
    const flagMessage = (n: number, what: string) => `while parsing CPUID flag: "${it.text}":\n  error #${n}: ${what}`;
    if (!it.key) {
      problems.push(problem({
        code: 'cpuid-flag-syntax', start: it.start, end: it.end, reaction: 'warning', xenMessage: flagMessage(1, 'missing "=" in key=value'),
        message: `\`${it.text}\` has no \`=\` (write name=value, e.g. ${it.text}=0): xl prints an error and ignores this flag.`,
      }));
      continue;
    }
    const name = knownName(it.key.value, version);
    if (!name) {
      const later = CPUID_NAMES.get(it.key.value);
      const guess = later ? undefined : closest(it.key.value, [...CPUID_NAMES.keys()].filter((k) => knownName(k, version)));
      problems.push(problem({
        code: 'cpuid-flag-unknown', start: it.key.start, end: it.key.end, reaction: 'warning', xenMessage: flagMessage(2, 'unknown CPUID flag name'),
        message:
          `Unknown CPUID flag \`${it.key.value}\`` +
          (later ? ` on Xen ${version} (it exists from Xen ${later.since})` : guess ? ` (did you mean \`${guess}\`?)` : '') +
          ': xl prints an error and ignores this flag.',
        replacement: guess ? { title: `Change to \`${guess}\``, newText: guess, start: it.key.start, end: it.key.end } : undefined,
      }));
      continue;
    }
    const v = it.value!;
    const bad = name.msr
      ? !(v.value.length === 1 && '01xks'.includes(v.value))
      : !cStrtoul(v.value, 0).read && !'xks'.includes(v.value[0] ?? '\0');
    if (bad) {
      problems.push(problem({
        code: 'cpuid-flag-value', start: v.start, end: v.end, reaction: 'warning', xenMessage: flagMessage(3, 'illegal CPUID value (must be: [0|1|x|k|s])'),
        message: `\`${v.value}\` is not a CPUID value for \`${it.key.value}\` (use 0, 1, x, k or s${name.bits > 1 ? ', or a number' : ''}): xl prints an error and ignores this flag.`,
      }));
      continue;
    }
    spec.flags.push({ name: { ...it.key }, value: { ...v } });
  }
  return { spec, problems };
}

/** libxl_cpuid_parse_config_xend, pointer by pointer. */
function parseXendLine(text: string): SpecParseResult<CpuidSpec> {
  const spec: CpuidSpec = { form: 'xend', flags: [], registers: [], accepted: true };
  const problems: SpecProblem[] = [];
  const fail = (n: number, what: string, start: number, end: number, why: string) => {
    spec.accepted = false;
    problems.push(problem({
      code: 'cpuid-line-invalid', start: Math.min(start, text.length), end: Math.min(Math.max(end, start), text.length), reaction: 'warning',
      xenMessage: `while parsing CPUID line: "${text}":\n  error #${n}: ${what}`,
      message: `${why}: xl prints an error and ignores the rest of this cpuid line.`,
    }));
    return { spec, problems };
  };
  const leaf = cStrtoul(text, 0);
  if (!leaf.read) return fail(1, 'illegal leaf number', 0, Math.max(1, text.indexOf(':') < 0 ? text.length : text.indexOf(':')), 'The line must start with a leaf number, e.g. `1:ecx=...`');
  spec.leaf = { value: leaf.value, start: 0, end: leaf.end };
  let p = leaf.end;
  if (text[p] === ',') {
    const sub = cStrtoul(text, 0, p + 1);
    if (!sub.read) return fail(2, 'illegal subleaf number', p + 1, p + 2, 'A subleaf number must follow the `,` after the leaf');
    spec.subleaf = { value: sub.value, start: p + 1, end: sub.end };
    p = sub.end;
  }
  if (text[p] !== ':') return fail(3, 'missing colon', p, Math.min(text.length, p + 1), 'A `:` must follow the leaf (and subleaf), e.g. `1:ecx=...`');
  let s = p + 1;
  while (s < text.length) {
    if (text[s] !== 'e' || text[s + 2] !== 'x') return fail(4, 'invalid register name (must be e[abcd]x)', s, Math.min(text.length, s + 3), 'Expected a register eax, ebx, ecx or edx');
    const reg = text.charCodeAt(s + 1) - 97;
    const eq = text.indexOf('=', s);
    if (reg < 0 || reg > 3 || eq < 0) return fail(4, 'invalid register name (must be e[abcd]x)', s, Math.min(text.length, s + 3), 'Expected a register eax, ebx, ecx or edx followed by `=`');
    const vStart = eq + 1;
    let vEnd = text.indexOf(',', vStart);
    if (vEnd < 0) vEnd = text.length;
    if (vEnd - vStart !== 32) {
      return fail(5, 'policy string must be exactly 32 characters long', vStart, vEnd,
        `The policy for ${text.slice(s, s + 3)} has ${vEnd - vStart} characters; it needs exactly 32 (one of 0 1 x k s per bit, bit 31 first)`);
    }
    spec.registers.push({ reg: { value: text.slice(s, s + 3), start: s, end: s + 3 }, policy: { value: text.slice(vStart, vEnd), start: vStart, end: vEnd } });
    if (vEnd >= text.length) break;
    s = vEnd + 1;
    while (text[s] === ' ' || text[s] === '\n') s++;
  }
  return { spec, problems };
}
