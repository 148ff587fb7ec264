// `cpuid`: the CPUID/MSR policy libxl builds from it, in the two forms xl accepts.
//   - a list of xend-style lines, `"LEAF[,SUBLEAF]:eXx=<32 policy chars>,..."`
//     (libxl_cpuid_parse_config_xend);
//   - a string `"host,NAME=VALUE,..."`, NAME from libxl's table or (4.18+) a featureset name
//     (libxl_cpuid_parse_config).
// xl reports every bad item and goes on: cpuid problems never stop it. The result is kept as
// the JSON libxl prints for it ({cpuid: [{leaf, subleaf?, eax..edx?}], msr: [{index, policy}]}).

import type { DomainBuild } from './build-domain';
import type { CpuidTables } from './cpuid-tables';

// The per-release CPUID name tables (74 KiB) matter only to configs with a `cpuid` key:
// loaded on first use, so the language server starts without them.
let tablesCache: Record<string, CpuidTables> | undefined;
function cpuidTables(): Record<string, CpuidTables> {
  return (tablesCache ??= (require('./cpuid-tables') as typeof import('./cpuid-tables')).CPUID_TABLES);
}

const REG_NAMES = ['eax', 'ebx', 'ecx', 'edx'] as const;

interface CpuidEntry {
  leaf: number;
  subleaf: number | null;
  policy: Array<string | null>;
}

interface Policy {
  cpuid: CpuidEntry[];
  msr: Array<{ index: number; policy: string[] }>;
}

function findEntry(p: Policy, leaf: number, subleaf: number | null): CpuidEntry {
  let e = p.cpuid.find((x) => x.leaf === leaf && x.subleaf === subleaf);
  if (!e) p.cpuid.push((e = { leaf, subleaf, policy: [null, null, null, null] }));
  return e;
}

/** C strtoul(s, &end, 0): the value (64-bit) and how many characters it used (0: none). */
function strtoul(s: string, from: number): { value: bigint; end: number } {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s.slice(from));
  if (!m) return { value: 0n, end: from };
  const body = m[2];
  let v = /^0[xX]/.test(body) ? BigInt(body) : body.length > 1 ? (body[0] === '0' ? BigInt('0o' + body.slice(1)) : BigInt(body)) : BigInt(body);
  if (v > 0xffffffffffffffffn) v = 0xffffffffffffffffn;
  return { value: m[1] === '-' ? BigInt.asUintN(64, -v) : v, end: from + m[0].length };
}

/** libxl_cpuid_parse_config_xend; returns libxl's error number (0 = fine). */
function parseXend(p: Policy, str: string): number {
  const a = strtoul(str, 0);
  if (a.end === 0) return 1;
  const leaf = Number(BigInt.asUintN(32, a.value));
  let subleaf: number | null = null;
  let end = a.end;
  if (str[end] === ',') {
    const b = strtoul(str, end + 1);
    if (b.end === end + 1) return 2;
    subleaf = Number(BigInt.asUintN(32, b.value));
    end = b.end;
  }
  if (str[end] !== ':') return 3;
  const entry = findEntry(p, leaf, subleaf);
  let i = end + 1;
  while (i < str.length) {
    if (str[i] !== 'e' || str[i + 2] !== 'x') return 4;
    const reg = str.charCodeAt(i + 1) - 97;
    const eq = str.indexOf('=', i);
    if (reg < 0 || reg > 3 || eq < 0) return 4;
    const start = eq + 1;
    let stop = str.indexOf(',', start);
    if (stop < 0) stop = str.length;
    if (stop - start !== 32) return 5;
    entry.policy[reg] = str.slice(start, stop);
    if (stop === str.length) break;
    i = stop + 1;
    while (str[i] === ' ' || str[i] === '\n') i++;
  }
  return 0;
}

function cpuidAdd(p: Policy, flag: { name: string; leaf: number; subleaf: number | null; reg: number; bit: number; length: number }, val: string): number {
  const entry = findEntry(p, flag.leaf, flag.subleaf);
  const n = strtoul(val, 0);
  let num = n.value;
  let flags: string[];
  if (n.end !== 0) {
    flags = Array.from({ length: flag.length }, (_, i) => ((num >> BigInt(flag.length - 1 - i)) & 1n ? '1' : '0'));
  } else if (val[0] === 'x' || val[0] === 'k' || val[0] === 's') {
    flags = Array.from({ length: flag.length }, () => val[0]);
  } else {
    return 3;
  }
  const res = (entry.policy[flag.reg] ?? 'x'.repeat(32)).split('');
  const put = (at: number, chars: string[]) => chars.forEach((c, k) => (res[at + k] = c));
  if (flag.name === 'family') {
    // Family is split over two fields of leaf 1 EAX (base 4 bits, extended 8 bits).
    if (num < 16n) {
      put(32 - 4 - flag.bit, flags.slice(4, 8));
      put(32 - 8 - 20, '00000000'.split(''));
    } else {
      num -= 15n;
      put(32 - 4 - flag.bit, '1111'.split(''));
      for (let k = 0; k < 7; k++) {
        flags[7 - k] = num & 1n ? '1' : '0';
        num >>= 1n;
      }
      put(32 - 8 - 20, flags.slice(0, 8));
    }
  } else if (flag.name === 'model') {
    put(32 - 4 - 16, flags.slice(0, 4));
    put(32 - 4 - flag.bit, flags.slice(4, 8));
  } else {
    put(32 - flag.length - flag.bit, flags);
  }
  entry.policy[flag.reg] = res.join('');
  return 0;
}

function msrAdd(p: Policy, index: number, bit: number, val: string): number {
  let e = p.msr.find((x) => x.index === index);
  if (!e) p.msr.push((e = { index, policy: 'x'.repeat(64).split('') }));
  if (val.length !== 1) return 3;
  if ('01xk'.includes(val)) e.policy[63 - bit] = val;
  else if (val === 's') e.policy[63 - bit] = 'k';
  else return 3;
  return 0;
}

/** libxl_cpuid_parse_config for the release; returns libxl's error number. */
function parseFlag(d: DomainBuild, p: Policy, str: string): number {
  const tables = cpuidTables()[d.release];
  const eq = str.indexOf('=');
  if (eq < 0) return 1;
  const name = str.slice(0, eq);
  const val = str.slice(eq + 1);
  const f = tables.flags.find(([n]) => n === name);
  if (f) return cpuidAdd(p, { name: f[0], leaf: f[1], subleaf: f[2], reg: f[3], bit: f[4], length: f[5] }, val);
  const bit = tables.features?.[name];
  if (bit === undefined || !tables.words) return 2;
  const word = tables.words[Math.floor(bit / 32)];
  if (!word) return 2;
  if (word[0] === 'cpuid') return cpuidAdd(p, { name, leaf: word[1], subleaf: word[2], reg: word[3], bit: bit % 32, length: 1 }, val);
  return msrAdd(p, word[1], (bit % 32) + (word[3] === 3 ? 32 : 0), val);
}

const XEND_ERRORS: Record<number, string> = {
  1: 'illegal leaf number',
  2: 'illegal subleaf number',
  3: 'missing colon',
  4: 'invalid register name (must be e[abcd]x)',
  5: 'policy string must be exactly 32 characters long',
};
const FLAG_ERRORS: Record<number, string> = {
  1: 'missing "=" in key=value',
  2: 'unknown CPUID flag name',
  3: 'illegal CPUID value (must be: [0|1|x|k|s])',
};

export function buildCpuid(d: DomainBuild): void {
  const { xl, b_info } = d;
  if (xl.exit) return;
  const p: Policy = { cpuid: [], msr: [] };
  let touched = false;
  const r = xl.list('cpuid', true);
  if (r.status === 'ok') {
    for (const it of xl.items(r.list)) {
      touched = true;
      const e = parseXend(p, it.value as string);
      if (e) xl.say(`while parsing CPUID line: "${it.value}":\n  error #${e}: ${XEND_ERRORS[e] ?? 'unknown error'}`, xl.at('cpuid', it));
    }
    xl.from('b_info.cpuid', 'cpuid', r.list);
  } else if (r.status === 'scalar') {
    const s = xl.string('cpuid');
    if (!s) return;
    const parts = s.value.split(',').filter((x) => x !== '');
    if (parts.length === 0) return;
    if (parts[0] !== 'host') {
      xl.say(`while parsing CPUID string: "${s.value}":\n  error: first word must be "host"`, xl.at('cpuid', s));
      return;
    }
    for (const part of parts.slice(1)) {
      touched = true;
      const e = parseFlag(d, p, part);
      if (e) xl.say(`while parsing CPUID flag: "${part}":\n  error #${e}: ${FLAG_ERRORS[e] ?? 'unknown error'}`, xl.at('cpuid', s));
    }
    xl.from('b_info.cpuid', 'cpuid', s);
  }
  // libxl prints the policy once anything was added to it (even an entry left without registers).
  if (!touched || (p.cpuid.length === 0 && p.msr.length === 0)) return;
  b_info.cpuid = {
    cpuid: p.cpuid.map((e) => {
      const o: Record<string, number | string> = { leaf: e.leaf };
      if (e.subleaf !== null) o.subleaf = e.subleaf;
      e.policy.forEach((v, i) => {
        if (v !== null) o[REG_NAMES[i]] = v;
      });
      return o;
    }),
    msr: p.msr.map((m) => ({ index: m.index, policy: m.policy.join('') })),
  };
}
