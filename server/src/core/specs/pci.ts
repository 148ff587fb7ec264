// PCI_SPEC_STRING (`pci = [ "..." ]` items), read the way xlu_pci_parse_spec_string does
// on Xen 4.15 and later (the 4.13/4.14 parser is in pci-legacy.ts):
//   [ BDF [ '@' VSLOT ] ( ',' | end ) ] ( key '=' value [','] )*
// A positional BDF that cannot be read is not an error by itself: the parser then reads the
// whole string as key=value pairs, so `01:20.0` fails only because it has no '='.

import { parse as parsePciGrammar } from '../../generated/spec-pci';
import { compareXen, NEWEST_XEN, type XenVersion } from '../xen-version';
import { cAtoi, cScanHex, hex } from './cnum';
import { runTotal, type GeneratedParse } from './peg';
import { closest, problem, releases, xlExits } from './problems';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';
import { parseLegacyPciSpec } from './pci-legacy';
import { memoizeSpec } from './memo';

const grammar = parsePciGrammar as GeneratedParse;

export type RdmPolicy = 'strict' | 'relaxed' | 'invalid';

export interface PciBdf {
  domain: SpecField<number>;
  bus: SpecField<number>;
  dev: SpecField<number>;
  /** null for `*` (all functions of the device). */
  func: SpecField<number | null>;
  start: number;
  end: number;
  source: 'positional' | 'bdf=';
}

export interface PciOption {
  key: SpecField<string>;
  value: SpecField<string>;
}

export interface PciSpec {
  /** The BDF xl passes through (a later `bdf=` replaces an earlier one). */
  bdf?: PciBdf;
  /** Virtual slot in the guest (`@N` or `vslot=N`), 0..0x1f. */
  vslot?: SpecField<number>;
  /** Assignable-device name (`name=`), the alternative to a BDF. */
  name?: SpecField<string>;
  permissive?: SpecField<boolean>;
  msitranslate?: SpecField<boolean>;
  seize?: SpecField<boolean>;
  powerMgmt?: SpecField<boolean>;
  rdmPolicy?: SpecField<RdmPolicy>;
  /** Every key=value pair in order, known or not. */
  options: PciOption[];
  /** True when xl accepts the spec (no fatal problem). */
  accepted: boolean;
}

export const PCI_OPTION_KEYS = ['bdf', 'vslot', 'permissive', 'msitranslate', 'seize', 'power_mgmt', 'rdm_policy', 'name'] as const;

interface Span<T> {
  value: T;
  start: number;
  end: number;
}
interface GBdf {
  domain: Span<string> | null;
  bus: Span<string>;
  dev: Span<string>;
  func: Span<string>;
  start: number;
  end: number;
}
interface GPair {
  key: Span<string>;
  value: Span<string>;
  end: number;
}
interface GPairs {
  pairs: GPair[];
  tail: Span<string> | null;
}

const EXIT_INVAL = 6; // xl exits with -ERROR_INVAL
const EXIT_FAIL = 3; // -ERROR_FAIL from the rdm policy parser

function unableMessage(text: string): string {
  return `unable to parse PCI_SPEC_STRING \`${text}' for passthrough`;
}

type BdfCheck =
  | { ok: true; bdf: PciBdf }
  | { ok: false; problem: { start: number; end: number; what: string } };

/** parse_bdf on `text` from `offset`: syntax from the grammar, ranges checked here. */
export function readBdf(text: string, offset = 0, source: PciBdf['source'] = 'positional'): BdfCheck & { end?: number } {
  const sub = text.slice(offset);
  const r = runTotal<{ bdf: GBdf | null; restStart: number }>(grammar, sub, 'BdfPrefix', { bdf: null, restStart: 0 });
  if (!r.bdf) {
    return { ok: false, problem: { start: offset, end: offset + bdfLikeLength(sub), what: 'it does not have the form [DDDD:]BB:DD.F (hexadecimal fields)' } };
  }
  const g = r.bdf;
  const at = (s: Span<string>) => ({ start: offset + s.start, end: offset + s.end });
  const num = (s: Span<string>) => Number(cScanHex(s.value).value);
  const domain = g.domain ? num(g.domain) : 0;
  const bus = num(g.bus);
  const dev = num(g.dev);
  const limits: Array<[Span<string> | null, number, number, string]> = [
    [g.domain, domain, 0xffff, 'PCI domain'],
    [g.bus, bus, 0xff, 'bus number'],
    [g.dev, dev, 0x1f, 'device number'],
  ];
  for (const [s, v, max, what] of limits) {
    if (s && v > max) {
      return { ok: false, problem: { ...at(s), what: `${what} ${hex(v)} is above ${hex(max)} (the fields are hexadecimal)` } };
    }
  }
  let func: number | null = null;
  if (g.func.value !== '*') {
    func = num(g.func);
    if (func > 7) {
      return { ok: false, problem: { ...at(g.func), what: `function ${hex(func)} is above 7` } };
    }
  }
  const domainField: SpecField<number> = g.domain
    ? { value: domain, ...at(g.domain) }
    : { value: 0, start: offset + g.bus.start, end: offset + g.bus.start };
  return {
    ok: true,
    end: offset + g.end,
    bdf: {
      domain: domainField,
      bus: { value: bus, ...at(g.bus) },
      dev: { value: dev, ...at(g.dev) },
      func: { value: func, ...at(g.func) },
      start: offset + g.start,
      end: offset + g.end,
      source,
    },
  };
}

/**
 * True when parse_bdf's sscanf would convert the domain/bus/device but find no '.' after the
 * device: it then reports success without setting the offset it uses next (an uninitialised
 * variable), so what xl does with the spec is undefined (it has been seen both rejecting it
 * and reading a wrong function number).
 */
export function bdfMissingDot(text: string, offset = 0): boolean {
  const run = /^[0-9a-fA-F:]*/.exec(text.slice(offset))![0];
  const colons = run.split(':').length - 1;
  if (colons !== 1 && colons !== 2) return false;
  let p = offset;
  for (let i = 0; i <= colons; i++) {
    const r = cScanHex(text, p);
    if (!r.read) return false;
    p = r.end;
    if (i < colons) {
      if (text[p] !== ':') return false;
      p++;
    }
  }
  return text[p] !== '.';
}

function bdfLikeLength(s: string): number {
  const m = /^[^,@]*/.exec(s);
  return m ? m[0].length : 0;
}

/** One %x conversion for a vslot, with its range check. */
function readVslot(text: string, offset: number): { ok: true; value: number; end: number } | { ok: false; start: number; end: number; what: string } {
  const sub = text.slice(offset);
  const r = runTotal<{ vslot: Span<string> | null; restStart: number }>(grammar, sub, 'VslotPrefix', { vslot: null, restStart: 0 });
  if (!r.vslot) return { ok: false, start: offset, end: offset + bdfLikeLength(sub), what: 'no hexadecimal slot number' };
  const v = Number(cScanHex(r.vslot.value).value);
  if (v > 0x1f) {
    return {
      ok: false,
      start: offset + r.vslot.start,
      end: offset + r.vslot.end,
      what: `slot ${hex(v)} is above 0x1f (the slot is hexadecimal, so \`${r.vslot.value.trim()}\` means ${hex(v)})`,
    };
  }
  return { ok: true, value: v, end: offset + r.vslot.end };
}

function parsePciSpecUncached(text: string, options: SpecParseOptions = {}): SpecParseResult<PciSpec> {
  const version: XenVersion = options.xenVersion ?? NEWEST_XEN;
  if (compareXen(version, '4.15') < 0) return parseLegacyPciSpec(text, version);

  const spec: PciSpec = { options: [], accepted: false };
  const problems: SpecProblem[] = [];
  const fatal = (start: number, end: number, code: string, what: string, xenPrefix = '', exitStatus = EXIT_INVAL, replacement?: SpecProblem['replacement']) => {
    problems.push(
      problem({
        code,
        start,
        end,
        reaction: 'fatal',
        exitStatus,
        xenMessage: xenPrefix + unableMessage(text),
        message: `${what}: ${xlExits(exitStatus)} (${releases('4.15')}).`,
        replacement,
      }),
    );
  };

  let pos = 0;
  let bdfPresent = false;
  let namePresent = false;
  const positional = readBdf(text, 0);
  if (positional.ok) {
    spec.bdf = positional.bdf;
    bdfPresent = true;
    pos = positional.bdf.end;
    if (text[pos] === '@') {
      const v = readVslot(text, pos + 1);
      if (!v.ok) {
        fatal(v.start, v.end, 'pci-vslot-invalid', `Invalid virtual slot after \`@\`: ${v.what}`);
        return { spec, problems };
      }
      spec.vslot = { value: v.value, start: pos + 1, end: v.end };
      pos = v.end;
    }
    if (text[pos] === ',') pos++;
    else if (pos < text.length) {
      const end = text.indexOf(',', pos) < 0 ? text.length : text.indexOf(',', pos);
      const blank = /^\s+$/.test(text.slice(pos, end));
      fatal(
        pos,
        end,
        'pci-junk-after-bdf',
        blank
          ? 'Blank after the PCI address: xl allows only `,` or the end of the string here'
          : `Unexpected \`${text.slice(pos, end)}\` after the PCI address: xl allows only \`@slot\`, \`,\` or the end of the string here`,
        '',
        EXIT_INVAL,
        blank ? { title: 'Remove the blank', newText: '', start: pos, end } : undefined,
      );
      return { spec, problems };
    }
  } else if (bdfMissingDot(text)) {
    problems.push(undefinedBdf(0, bdfLikeLength(text), text));
    return { spec, problems };
  } else if (looksLikeBdf(text)) {
    // xl silently falls back to key=value parsing, which then fails on the missing '='.
    const p = positional.problem;
    const fallback = readPairs(text, 0);
    const prefix = fallback.pairs.length > 0 ? `Unknown PCI_SPEC_STRING option: ${fallback.pairs[0].key.value}` : '';
    fatal(p.start, p.end, 'pci-bdf-invalid', `Invalid PCI address: ${p.what}`, prefix);
    return { spec, problems };
  }

  const g = readPairs(text, pos);
  let stop = false;
  for (const pair of g.pairs) {
    if (stop) break;
    const key = { value: pair.key.value, start: pos + pair.key.start, end: pos + pair.key.end };
    const value = { value: pair.value.value, start: pos + pair.value.start, end: pos + pair.value.end };
    spec.options.push({ key, value });
    switch (key.value) {
      case 'bdf': {
        const b = readBdf(text.slice(0, value.end), value.start, 'bdf=');
        if (!b.ok && bdfMissingDot(text.slice(0, value.end), value.start)) {
          problems.push(undefinedBdf(value.start, value.end, text));
          stop = true;
        } else if (!b.ok) {
          fatal(b.problem.start, Math.max(b.problem.end, value.end), 'pci-bdf-invalid', `Invalid \`bdf=\` value: ${b.problem.what}`);
          stop = true;
        } else {
          spec.bdf = b.bdf;
          bdfPresent = true;
          if (b.bdf.end < value.end) ignoredJunk(problems, b.bdf.end, value.end, 'bdf=');
        }
        break;
      }
      case 'vslot': {
        const v = readVslot(text.slice(0, value.end), value.start);
        if (!v.ok) {
          fatal(v.start, Math.max(v.end, v.start + 1), 'pci-vslot-invalid', `Invalid \`vslot=\` value: ${v.what}`);
          stop = true;
        } else {
          spec.vslot = { value: v.value, start: value.start, end: value.end };
          if (v.end < value.end) ignoredJunk(problems, v.end, value.end, 'vslot=');
        }
        break;
      }
      case 'permissive':
      case 'msitranslate':
      case 'seize':
      case 'power_mgmt': {
        const n = cAtoi(value.value);
        const f = { value: n !== 0, start: value.start, end: value.end };
        if (key.value === 'permissive') spec.permissive = f;
        else if (key.value === 'msitranslate') spec.msitranslate = f;
        else if (key.value === 'seize') spec.seize = f;
        else spec.powerMgmt = f;
        if (!/^\s*[+-]?\d+$/.test(value.value)) {
          problems.push(
            problem({
              code: 'pci-option-not-number',
              start: value.start,
              end: value.end,
              reaction: 'silent',
              message:
                `\`${key.value}=${value.value}\` is read with atoi, so it means ${n} (${n !== 0 ? 'on' : 'off'}) without any message ` +
                `(${releases('4.13')}). Write \`${key.value}=1\` or \`${key.value}=0\`.`,
            }),
          );
        }
        break;
      }
      case 'rdm_policy': {
        const lower = value.value.toLowerCase();
        // libxl's enum parser is case-insensitive and also knows the placeholder "invalid".
        if (lower === 'strict' || lower === 'relaxed' || lower === 'invalid') {
          spec.rdmPolicy = { value: lower, start: value.start, end: value.end };
          if (lower === 'invalid') {
            problems.push(
              problem({
                code: 'pci-rdm-policy-invalid-keyword',
                start: value.start,
                end: value.end,
                reaction: 'none',
                severity: 'warning',
                message:
                  '`rdm_policy=invalid` is accepted but means "not set": libxl then uses the policy of the global `rdm` key. Write `strict` or `relaxed`.',
              }),
            );
          }
        } else {
          const guess = closest(value.value, ['strict', 'relaxed']);
          fatal(
            value.start,
            value.end,
            'pci-rdm-policy-unknown',
            `Unknown \`rdm_policy\` \`${value.value}\` (use \`strict\` or \`relaxed\`)`,
            `Unknown RDM policy: ${value.value}`,
            EXIT_FAIL,
            guess ? { title: `Change to \`${guess}\``, newText: guess, start: value.start, end: value.end } : undefined,
          );
          stop = true;
        }
        break;
      }
      case 'name':
        namePresent = true;
        spec.name = value;
        break;
      default: {
        const comma = key.value.indexOf(',');
        const guess = comma < 0 ? closest(key.value, PCI_OPTION_KEYS) : undefined;
        fatal(
          comma < 0 ? key.start : key.start,
          comma < 0 ? key.end : key.start + comma,
          'pci-option-unknown',
          comma < 0
            ? `Unknown PCI option \`${key.value}\`${guess ? ` (did you mean \`${guess}\`?)` : ''}`
            : `\`${key.value.slice(0, comma)}\` has no \`=\`, so xl reads \`${key.value}\` up to the next \`=\` as one unknown option name (write \`${key.value.slice(0, comma)}=1\`)`,
          `Unknown PCI_SPEC_STRING option: ${key.value}`,
          EXIT_INVAL,
          guess ? { title: `Change to \`${guess}\``, newText: guess, start: key.start, end: key.end } : undefined,
        );
        stop = true;
      }
    }
  }
  if (stop) return { spec, problems };
  if (g.tail) {
    const t = { start: pos + g.tail.start, end: pos + g.tail.end };
    const word = g.tail.value.replace(/,$/, '');
    const isFlag = ['permissive', 'msitranslate', 'seize', 'power_mgmt'].includes(word.trim());
    fatal(
      t.start,
      t.end,
      'pci-option-without-value',
      `\`${g.tail.value}\` has no \`=\`: every PCI option must be written key=value${isFlag ? ` (write \`${word.trim()}=1\`)` : ''}`,
      '',
      EXIT_INVAL,
      isFlag ? { title: `Change to \`${word.trim()}=1\``, newText: `${word.trim()}=1`, start: t.start, end: t.start + word.length } : undefined,
    );
    return { spec, problems };
  }
  if (!bdfPresent && !namePresent) {
    fatal(0, text.length, 'pci-no-device', text === '' ? 'Empty PCI spec: it names no device' : 'The PCI spec names no device: give a BDF such as `0000:01:00.0` or `name=`');
    return { spec, problems };
  }
  if (bdfPresent && namePresent) {
    const n = spec.name!;
    fatal(n.start - 'name='.length, n.end, 'pci-bdf-and-name', 'A PCI spec may give either a BDF or `name=`, not both');
    return { spec, problems };
  }
  spec.accepted = true;
  return { spec, problems };
}

function undefinedBdf(start: number, end: number, text: string): SpecProblem {
  return problem({
    code: 'pci-bdf-undefined',
    start,
    end,
    reaction: 'fatal',
    exitStatus: EXIT_INVAL,
    // What xl 4.22 printed when this was tried (it rejected the spec); other builds may differ.
    xenMessage: unableMessage(text),
    message:
      'This PCI address has no `.function` after the device: libxlutil then reads an uninitialised offset, so whether xl rejects the spec (exit status 6) ' +
      `or passes through some function of the device is unpredictable (${releases('4.15')}). Write the full address, e.g. 01:00.0.`,
  });
}

function ignoredJunk(problems: SpecProblem[], start: number, end: number, key: string): void {
  problems.push(
    problem({
      code: 'pci-junk-ignored',
      start,
      end,
      reaction: 'silent',
      message: `xl ignores this text after the \`${key}\` value without a message (${releases('4.15')}); remove it.`,
      replacement: { title: 'Remove the ignored text', newText: '', start, end },
    }),
  );
}

/** The start of a string that a person meant as a BDF (hex digits and a colon). */
function looksLikeBdf(text: string): boolean {
  return /^\s*[0-9a-fA-F]+:/.test(text) && !/^[^,]*=/.test(text);
}

function readPairs(text: string, offset: number): GPairs {
  return runTotal<GPairs>(grammar, text.slice(offset), 'Pairs', { pairs: [], tail: { value: text.slice(offset), start: 0, end: text.length - offset } });
}

/** parsePciSpec, parsed once per distinct (release, string): see memo.ts. */
export const parsePciSpec = memoizeSpec(parsePciSpecUncached);
