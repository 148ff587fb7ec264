// PCI specs on Xen 4.13 and 4.14, whose xlu_pci_parse_bdf was one pass of a character
// state machine: the string is cut at ':', '.', '@', ',' and '=', each piece must be a
// whole hexadecimal number (strtoul base 16) within its mask, and the string must end in
// the middle of a BDF, slot or option value. Unlike 4.15+: no `bdf=`, `vslot=` or `name=`
// keys, an unknown option is only reported, a trailing comma is fatal, and the device
// number may go up to 0xff.

import type { XenVersion } from '../xen-version';
import { cAtoi, cStrtoul, hex } from './cnum';
import { problem, xlExits } from './problems';
import type { PciBdf, PciSpec } from './pci';
import type { SpecParseResult, SpecProblem } from './types';

type State = 'domain' | 'bus' | 'dev' | 'func' | 'vslot' | 'key' | 'value' | 'terminal';

/** strtoul(tok, &end, 16) with the whole piece consumed and no bit outside `mask`. */
function hexConvert(tok: string, mask: number): number | undefined {
  const r = cStrtoul(tok, 16);
  if (!r.read || r.end !== tok.length) return undefined;
  if (r.value & ~BigInt(mask)) return undefined;
  return Number(r.value);
}

export function parseLegacyPciSpec(text: string, version: XenVersion): SpecParseResult<PciSpec> {
  const spec: PciSpec = { options: [], accepted: false };
  const problems: SpecProblem[] = [];
  const where = `Xen ${version}`;
  const unable = `unable to parse PCI BDF \`${text}' for passthrough`;
  const fail = (start: number, end: number, code: string, what: string, xenPrefix = '') => {
    problems.push(
      problem({
        code,
        start,
        end,
        reaction: 'fatal',
        exitStatus: 6,
        xenMessage: xenPrefix + unable,
        message: `${what}: ${xlExits(6)} (${where}; Xen 4.13 and 4.14 read PCI specs more strictly than 4.15+).`,
      }),
    );
    return { spec, problems };
  };

  // Widened on purpose: takeDevice() changes it from inside a closure.
  let state = 'domain' as State;
  let tokStart = 0;
  let dom = 0;
  let domAt = { start: 0, end: 0 };
  let bus = 0;
  let busAt = { start: 0, end: 0 };
  let dev = 0;
  let devAt = { start: 0, end: 0 };
  let func: number | null = 0;
  let funcAt = { start: 0, end: 0 };
  let keyAt = { value: '', start: 0, end: 0 };
  let hasDomain = false;
  // The device number, after `bus:` (or `domain:bus:`): then the function follows.
  const takeDevice = (tok: string, at: { start: number; end: number }): boolean => {
    const v = hexConvert(tok, 0xff);
    if (v === undefined) return false;
    dev = v;
    devAt = at;
    state = 'func';
    return true;
  };

  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text[i] : '\0';
    const tok = text.slice(tokStart, i);
    const at = { start: tokStart, end: i };
    switch (state) {
      case 'domain':
        if (c === ':') {
          const v = hexConvert(tok, 0xffff);
          if (v === undefined) {
            const key = /^(bdf|vslot|name)=/.exec(text);
            return fail(at.start, at.end, 'pci-bdf-invalid', key
              ? `\`${key[1]}=\` exists only from Xen 4.15; this release expects the spec to start with a BDF such as 01:00.0`
              : `\`${tok}\` is not a hexadecimal number up to 0xffff`);
          }
          dom = v;
          domAt = at;
          state = 'bus';
          tokStart = i + 1;
        }
        break;
      case 'bus':
        if (c === ':') {
          const v = hexConvert(tok, 0xff);
          if (v === undefined) return fail(at.start, at.end, 'pci-bdf-invalid', `Bus \`${tok}\` is not a hexadecimal number up to 0xff`);
          bus = v;
          busAt = at;
          hasDomain = true;
          state = 'dev';
          tokStart = i + 1;
        } else if (c === '.') {
          if (dom & ~0xff) return fail(domAt.start, domAt.end, 'pci-bdf-invalid', `Bus ${hex(dom)} is above 0xff`);
          bus = dom;
          busAt = domAt;
          dom = 0;
          if (!takeDevice(tok, at)) return fail(at.start, at.end, 'pci-bdf-invalid', `Device \`${tok}\` is not a hexadecimal number up to 0xff`);
          tokStart = i + 1;
        }
        break;
      case 'dev':
        if (c === '.') {
          if (!takeDevice(tok, at)) return fail(at.start, at.end, 'pci-bdf-invalid', `Device \`${tok}\` is not a hexadecimal number up to 0xff`);
          tokStart = i + 1;
        }
        break;
      case 'func':
        if (c === '\0' || c === '@' || c === ',') {
          if (tok === '*') func = null;
          else {
            const v = hexConvert(tok, 0x7);
            if (v === undefined) return fail(at.start, at.end, 'pci-bdf-invalid', `Function \`${tok}\` is not a number from 0 to 7 or \`*\``);
            func = v;
          }
          funcAt = at;
          state = c === '\0' ? 'terminal' : c === '@' ? 'vslot' : 'key';
          tokStart = i + 1;
        }
        break;
      case 'vslot':
        if (c === '\0' || c === ',') {
          const v = hexConvert(tok, 0xff);
          if (v === undefined) return fail(at.start, at.end, 'pci-vslot-invalid', `Virtual slot \`${tok}\` is not a hexadecimal number up to 0xff`);
          spec.vslot = { value: v, ...at };
          state = c === ',' ? 'key' : 'terminal';
          tokStart = i + 1;
        }
        break;
      case 'key':
        if (c === '=') {
          keyAt = { value: tok, ...at };
          state = 'value';
          tokStart = i + 1;
        }
        break;
      case 'value':
        if (c === ',' || c === '\0') {
          const value = { value: tok, ...at };
          spec.options.push({ key: keyAt, value });
          const on = { value: cAtoi(tok) !== 0, ...at };
          switch (keyAt.value) {
            case 'msitranslate':
              spec.msitranslate = on;
              break;
            case 'power_mgmt':
              spec.powerMgmt = on;
              break;
            case 'permissive':
              spec.permissive = on;
              break;
            case 'seize':
              spec.seize = on;
              break;
            case 'rdm_policy':
              if (tok === 'strict' || tok === 'relaxed') spec.rdmPolicy = { value: tok, ...at };
              else
                return fail(
                  at.start,
                  at.end,
                  'pci-rdm-policy-unknown',
                  `Unknown \`rdm_policy\` \`${tok}\` (use \`strict\` or \`relaxed\`, in lower case)`,
                  `${tok} is not an valid PCI RDM property policy: 'strict' or 'relaxed'.`,
                );
              break;
            default:
              problems.push(
                problem({
                  code: 'pci-option-unknown',
                  start: keyAt.start,
                  end: keyAt.end,
                  reaction: 'warning',
                  xenMessage: `Unknown PCI BDF option: ${keyAt.value}`,
                  message:
                    `xl ${version} does not know the PCI option \`${keyAt.value}\`; it prints a message and ignores it` +
                    (['bdf', 'vslot', 'name'].includes(keyAt.value) ? ` (\`${keyAt.value}=\` exists only from Xen 4.15).` : '.'),
                }),
              );
          }
          state = c === ',' ? 'key' : 'terminal';
          tokStart = i + 1;
        }
        break;
      case 'terminal':
        break;
    }
  }
  if (state !== 'terminal') {
    const tail = { start: tokStart, end: text.length };
    if (state === 'key') {
      return fail(
        tail.start === tail.end ? tail.start - 1 : tail.start,
        tail.end,
        tail.start === tail.end ? 'pci-trailing-comma' : 'pci-option-without-value',
        tail.start === tail.end
          ? 'A trailing comma is not accepted by this release'
          : `\`${text.slice(tail.start)}\` has no \`=\`: every PCI option must be written key=value`,
      );
    }
    const key = /^(bdf|vslot|name)=/.exec(text);
    return fail(0, text.length, 'pci-bdf-invalid', key
      ? `\`${key[1]}=\` exists only from Xen 4.15; this release expects the spec to start with a BDF such as 01:00.0`
      : 'Not a PCI address of the form [DDDD:]BB:DD.F (hexadecimal fields)');
  }
  const bdf: PciBdf = {
    domain: hasDomain ? { value: dom, ...domAt } : { value: 0, start: busAt.start, end: busAt.start },
    bus: { value: bus, ...busAt },
    dev: { value: dev, ...devAt },
    func: { value: func, ...funcAt },
    start: hasDomain ? domAt.start : busAt.start,
    end: funcAt.end,
    source: 'positional',
  };
  spec.bdf = bdf;
  spec.accepted = true;
  return { spec, problems };
}
