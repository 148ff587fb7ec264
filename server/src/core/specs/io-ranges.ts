// The numeric list elements xl reads with C library scanners rather than a grammar:
//   iomem      "START,NUM[@GFN]"  sscanf("%lx,%lx%n@%lx%n"), nothing may follow;
//   ioports    "START[-END]"      strtoul base 16; junk after a single port only warns, and
//                                 a reversed range is not detected;
//   irqs       "N"                strtoul base 10 (0x10 is rejected), nothing may follow;
//   llc_colors "N[-M]"            sscanf("%u-%u") then ("%u"); junk after is accepted (Arm).
// Each element's problems, with xl's messages; all fatal ones exit with status 1.

import { cStrtoul, hex } from './cnum';
import { problem } from './problems';
import { fatal } from './items';
import type { SpecParseOptions, SpecParseResult, SpecProblem } from './types';

const UINT32_MAX = 0xffffffffn;

export interface IomemSpec {
  start?: bigint;
  pages?: bigint;
  gfn?: bigint;
  accepted: boolean;
}

export function parseIomemSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<IomemSpec> {
  const bad = (why: string): SpecParseResult<IomemSpec> => ({
    spec: { accepted: false },
    problems: [fatal(0, text.length, 'iomem-invalid', `xl: Invalid argument parsing iomem: ${text}`, why)],
  });
  const a = cStrtoul(text, 16);
  if (!a.read || text[a.end] !== ',') return bad(`\`${text}\` is not START,NUM[@GFN] in hexadecimal (page numbers)`);
  const b = cStrtoul(text, 16, a.end + 1);
  if (!b.read) return bad('No page count after the `,`');
  let end = b.end;
  const spec: IomemSpec = { start: a.value, pages: b.value, accepted: true };
  if (text[end] === '@') {
    const g = cStrtoul(text, 16, end + 1);
    if (!g.read) return bad('No guest frame number after `@`');
    spec.gfn = g.value;
    end = g.end;
  }
  if (end !== text.length) return bad(`\`${text.slice(end)}\` follows the range; write START,NUM or START,NUM@GFN (hexadecimal)`);
  return { spec, problems: [] };
}

export interface IoportsSpec {
  first?: bigint;
  count?: bigint;
  accepted: boolean;
}

export function parseIoportsSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<IoportsSpec> {
  const problems: SpecProblem[] = [];
  const a = cStrtoul(text, 16);
  if (!a.read) {
    return { spec: { accepted: false }, problems: [fatal(0, text.length, 'ioports-invalid', `xl: Invalid argument parsing ioport: ${text}`, `\`${text}\` is not a hexadecimal port or range START-END`)] };
  }
  if (a.value >= UINT32_MAX) {
    return { spec: { accepted: false }, problems: [fatal(0, a.end, 'ioports-too-big', `xl: ioport ${a.value.toString(16)} too big`, 'The port number is too large')] };
  }
  let last = a.value;
  if (text[a.end] === '-') {
    const b = cStrtoul(text, 16, a.end + 1);
    if (!b.read || b.end !== text.length) {
      return { spec: { accepted: false }, problems: [fatal(a.end, text.length, 'ioports-invalid', `xl: Invalid argument parsing ioport: ${text}`, 'The end of the range is not a hexadecimal number (or something follows it)')] };
    }
    if (b.value >= UINT32_MAX) {
      return { spec: { accepted: false }, problems: [fatal(a.end + 1, b.end, 'ioports-too-big', `xl: ioport ${b.value.toString(16)} too big`, 'The port number is too large')] };
    }
    last = b.value;
    if (last < a.value) {
      // xl compares the start with itself, so it never notices; the count wraps around.
      const count = (last - a.value + 1n) & UINT32_MAX;
      problems.push(problem({
        code: 'ioports-reversed', start: 0, end: text.length, severity: 'error', reaction: 'silent',
        message: `The range ends (${hex(last)}) before it starts (${hex(a.value)}); xl does not notice and asks for ${count} ports from ${hex(a.value)}, so passing the ports through fails or grants far more than meant. Write ${last.toString(16)}-${a.value.toString(16)}.`,
        replacement: { title: 'Swap the ends', newText: `${text.slice(a.end + 1)}-${text.slice(0, a.end)}`, start: 0, end: text.length },
      }));
    }
  } else if (a.end !== text.length) {
    problems.push(problem({
      code: 'ioports-junk', start: a.end, end: text.length, reaction: 'warning', xenMessage: `xl: Invalid argument parsing ioport: ${text}`,
      message: `xl prints a warning about \`${text.slice(a.end)}\` after the port, then uses port ${hex(a.value)} alone. Remove it.`,
    }));
  }
  return { spec: { first: a.value, count: ((last - a.value + 1n) & UINT32_MAX), accepted: true }, problems };
}

export interface IrqsSpec {
  irq?: bigint;
  accepted: boolean;
}

export function parseIrqsSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<IrqsSpec> {
  const r = cStrtoul(text, 10);
  if (!r.read || r.end !== text.length) {
    return { spec: { accepted: false }, problems: [fatal(0, text.length, 'irqs-invalid', `xl: Invalid argument parsing irq: ${text}`,
      /^\s*0[xX]/.test(text) ? 'IRQ numbers are decimal only here (`0x` is not accepted)' : `\`${text}\` is not a decimal IRQ number`)] };
  }
  if (r.value >= UINT32_MAX) {
    return { spec: { accepted: false }, problems: [fatal(0, text.length, 'irqs-too-big', `xl: irq ${r.value.toString(16)} too big`, 'The IRQ number is too large')] };
  }
  return { spec: { irq: r.value, accepted: true }, problems: [] };
}

export interface LlcColorsSpec {
  first?: bigint;
  last?: bigint;
  accepted: boolean;
}

export function parseLlcColorsSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<LlcColorsSpec> {
  const a = cStrtoul(text, 10);
  if (!a.read) {
    return { spec: { accepted: false }, problems: [fatal(0, text.length, 'llc-colors-invalid', `xl: Invalid LLC color range: ${text}`, `\`${text}\` is not a color number N or range N-M`)] };
  }
  const first = a.value & UINT32_MAX;
  const problems: SpecProblem[] = [];
  let last = first;
  let end = a.end;
  if (text[a.end] === '-') {
    const b = cStrtoul(text, 10, a.end + 1);
    if (b.read) {
      last = b.value & UINT32_MAX;
      end = b.end;
      if (first > last) {
        return { spec: { accepted: false }, problems: [fatal(0, text.length, 'llc-colors-reversed', `xl: Start LLC color is greater than end: ${text}`, `The range starts (${first}) after it ends (${last})`)] };
      }
    }
  }
  if (end !== text.length) {
    problems.push(problem({
      code: 'llc-colors-junk', start: end, end: text.length, reaction: 'silent',
      message: 'xl ignores this text after the color range without a message; remove it.',
    }));
  }
  return { spec: { first, last, accepted: true }, problems };
}

export interface McaCapsSpec {
  accepted: boolean;
}

/** One `mca_caps` element (HVM): only `lmce` exists; anything else exits with status 3. */
export function parseMcaCapsSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<McaCapsSpec> {
  if (text === 'lmce') return { spec: { accepted: true }, problems: [] };
  return {
    spec: { accepted: false },
    problems: [fatal(0, text.length, 'mca-caps-unknown', `ERROR: unrecognized MCA capability '${text}'.`, `Unknown MCA capability \`${text}\` (the only one is lmce)`, 3,
      text.trim().toLowerCase() === 'lmce' ? { title: 'Change to `lmce`', newText: 'lmce', start: 0, end: text.length } : undefined)],
  };
}
