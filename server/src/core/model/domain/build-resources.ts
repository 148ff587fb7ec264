// Host resources and CPU placement as xl_parse.c reads them: vCPU affinity (`cpus`,
// `cpus_soft`), LLC colours, device-tree passthrough paths, I/O ports, IRQs, I/O memory, and
// (`cpuid` is in build-cpuid.ts).

import type { DomainBuild } from './build-domain';
import type { LibxlObject } from './libxl-json';

/** C sscanf `%x`/`%u`-style number at `s[i]`: skips blanks, optional sign, 0x for hex. */
function scanNumber(s: string, i: number, base: 10 | 16): { value: bigint; end: number } | undefined {
  let p = i;
  while (p < s.length && ' \t\n\v\f\r'.includes(s[p])) p++;
  let neg = false;
  if (s[p] === '+' || s[p] === '-') neg = s[p++] === '-';
  if (base === 16 && s[p] === '0' && (s[p + 1] === 'x' || s[p + 1] === 'X') && /[0-9a-fA-F]/.test(s[p + 2] ?? '')) p += 2;
  const re = base === 16 ? /[0-9a-fA-F]/ : /[0-9]/;
  const start = p;
  while (p < s.length && re.test(s[p])) p++;
  if (p === start) return undefined;
  const v = BigInt((base === 16 ? '0x' : '') + s.slice(start, p));
  return { value: BigInt.asUintN(64, neg ? -v : v), end: p };
}

/** C strtoul(s, &end, base) (base 10 or 16): the value and where it stopped (start when none). */
function strtoul(s: string, i: number, base: 10 | 16): { value: bigint; end: number; ok: boolean } {
  const r = scanNumber(s, i, base);
  if (!r) return { value: 0n, end: i, ok: false };
  return { value: r.value, end: r.end, ok: true };
}

const ULONG_MAX = 0xffffffffffffffffn;

export const buildResources = {
  llcColors(d: DomainBuild): void {
    const { xl, b_info } = d;
    const r = xl.list('llc_colors');
    if (r.status !== 'ok') return;
    const colours: bigint[] = [];
    for (let i = 0; i < r.list.items.length; i++) {
      const it = r.list.items[i];
      if (it.value === null) return xl.fail(`xl: Can't get element ${i} in LLC color list`, 1, xl.at('llc_colors', it));
      const a = scanNumber(it.value, 0, 10);
      if (!a) return xl.fail(`xl: Invalid LLC color range: ${it.value}`, 1, xl.at('llc_colors', it));
      let start = BigInt.asUintN(32, a.value);
      let end = start;
      if (it.value[a.end] === '-') {
        const b = scanNumber(it.value, a.end + 1, 10);
        if (b) {
          end = BigInt.asUintN(32, b.value);
          if (start > end) return xl.fail(`xl: Start LLC color is greater than end: ${it.value}`, 1, xl.at('llc_colors', it));
        }
      }
      for (let k = start; k <= end && colours.length < 65536; k++) colours.push(k);
      start = end;
    }
    b_info.llc_colors = colours;
    xl.from('b_info.llc_colors', 'llc_colors', r.list);
  },

  /** `cpus` (hard) and `cpus_soft`: one pCPU set for all vCPUs, or one per vCPU from a list. */
  affinity(d: DomainBuild, key: 'cpus' | 'cpus_soft', hard: boolean): void {
    const { xl, b_info } = d;
    if (xl.exit) return;
    const r = xl.list(key, true);
    let perVcpu: string[] | undefined;
    let single: string | undefined;
    let at: { start: number; end: number } | undefined;
    if (r.status === 'ok') {
      perVcpu = r.list.items.map((i) => i.value as string);
      at = r.list;
    } else {
      const s = xl.string(key);
      if (!s) return;
      single = s.value;
      at = s;
    }
    const maxVcpus = Number(BigInt.asIntN(32, (b_info.max_vcpus as bigint | undefined) ?? 0n));
    const count = single !== undefined || (perVcpu && perVcpu.length > maxVcpus) ? maxVcpus : perVcpu!.length;
    const maps: bigint[][] = [];
    if (perVcpu) {
      for (let j = 0; j < perVcpu.length && j < count; j++) {
        // A nested list is a NULL item here, which ends xl's loop; xl then reads the
        // never-initialised bitmaps after it and crashes.
        if (perVcpu[j] === null) {
          if (j < count) return xl.crash(xl.at(key, at));
          break;
        }
        const m = cpuRange(d, perVcpu[j], key, at);
        if (!m) return;
        maps.push(m);
      }
      b_info.numa_placement = false;
    } else {
      // xl parses the string even when there is no vCPU to give it to (max_vcpus 0 up to
      // 4.21 when vcpus= is absent): errors still stop it, but the list stays empty.
      const m = cpuRange(d, single!, key, at);
      if (!m) return;
      for (let i = 0; i < count; i++) maps.push(m);
      if (!hard) b_info.numa_placement = false;
    }
    const field = hard ? 'vcpu_hard_affinity' : 'vcpu_soft_affinity';
    b_info[field] = maps;
    xl.from(`b_info.${field}`, key, at);
  },

  /** xl.conf's masks are all CPUs by default, so only an empty hard affinity map matters. */
  applyGlobalAffinityMasks(d: DomainBuild): void {
    const { xl, b_info } = d;
    if (xl.exit) return;
    const maps = b_info.vcpu_hard_affinity as bigint[][] | undefined;
    if (maps?.some((m) => m.filter((c) => c < BigInt(d.host.cpus)).length === 0)) {
      const s = xl.sources.get('b_info.vcpu_hard_affinity');
      xl.fail('vcpu hard affinity map is empty', 1, s);
    }
    if (maps) b_info.vcpu_hard_affinity = maps.map((m) => m.filter((c) => c < BigInt(d.host.cpus)));
  },

  dtdev(d: DomainBuild): void {
    const { xl, config } = d;
    const r = xl.list('dtdev');
    if (r.status !== 'ok') return;
    config.dtdevs = xl.items(r.list).map((it) => ({ path: it.value }) as LibxlObject);
    xl.from('dtdevs', 'dtdev', r.list);
  },

  ioports(d: DomainBuild): void {
    const { xl, b_info } = d;
    if (xl.exit) return;
    const r = xl.list('ioports');
    if (r.status !== 'ok') return;
    const out: LibxlObject[] = [];
    for (let i = 0; i < r.list.items.length; i++) {
      const it = r.list.items[i];
      const at = xl.at('ioports', it);
      if (it.value === null) return xl.fail(`xl: Unable to get element #${i} in ioport list`, 1, at);
      const buf = it.value;
      const a = strtoul(buf, 0, 16);
      if (!a.ok) return xl.fail(`xl: Invalid argument parsing ioport: ${buf}`, 1, at);
      if (a.value >= 0xffffffffn) return xl.fail(`xl: ioport ${a.value.toString(16)} too big`, 1, at);
      const start = a.value;
      let end = start;
      if (buf[a.end] === '-') {
        const b = strtoul(buf, a.end + 1, 16);
        if (!b.ok || b.end !== buf.length || start > end) return xl.fail(`xl: Invalid argument parsing ioport: ${buf}`, 1, at);
        if (b.value >= 0xffffffffn) return xl.fail(`xl: ioport ${b.value.toString(16)} too big`, 1, at);
        end = b.value;
      } else if (a.end !== buf.length) {
        xl.say(`xl: Invalid argument parsing ioport: ${buf}`, at);
      }
      out.push({ first: start, number: BigInt.asUintN(32, end - start + 1n) });
    }
    b_info.ioports = out;
    xl.from('b_info.ioports', 'ioports', r.list);
  },

  irqs(d: DomainBuild): void {
    const { xl, b_info } = d;
    if (xl.exit) return;
    const r = xl.list('irqs');
    if (r.status !== 'ok') return;
    const out: bigint[] = [];
    for (let i = 0; i < r.list.items.length; i++) {
      const it = r.list.items[i];
      const at = xl.at('irqs', it);
      if (it.value === null) return xl.fail(`xl: Unable to get element ${i} in irq list`, 1, at);
      const n = strtoul(it.value, 0, 10);
      if (!n.ok || n.end !== it.value.length) return xl.fail(`xl: Invalid argument parsing irq: ${it.value}`, 1, at);
      if (n.value >= 0xffffffffn) return xl.fail(`xl: irq ${n.value.toString(16)} too big`, 1, at);
      out.push(n.value);
    }
    b_info.irqs = out;
    xl.from('b_info.irqs', 'irqs', r.list);
  },

  iomem(d: DomainBuild): void {
    const { xl, b_info } = d;
    if (xl.exit) return;
    const r = xl.list('iomem');
    if (r.status !== 'ok') return;
    const out: LibxlObject[] = [];
    for (let i = 0; i < r.list.items.length; i++) {
      const it = r.list.items[i];
      const at = xl.at('iomem', it);
      if (it.value === null) return xl.fail(`xl: Unable to get element ${i} in iomem list`, 1, at);
      const buf = it.value;
      // sscanf("%lx,%lx%n@%lx%n"): start and size are required, "@gfn" optional, nothing after.
      const start = scanNumber(buf, 0, 16);
      const size = start && buf[start.end] === ',' ? scanNumber(buf, start.end + 1, 16) : undefined;
      if (!start || !size) return xl.fail(`xl: Invalid argument parsing iomem: ${buf}`, 1, at);
      let used = size.end;
      const range: LibxlObject = { start: start.value, number: size.value };
      if (buf[used] === '@') {
        const gfn = scanNumber(buf, used + 1, 16);
        if (gfn) {
          range.gfn = gfn.value;
          used = gfn.end;
        }
      }
      if (used !== buf.length) return xl.fail(`xl: Invalid argument parsing iomem: ${buf}`, 1, at);
      out.push(range);
    }
    b_info.iomem = out;
    xl.from('b_info.iomem', 'iomem', r.list);
  },

};

/** xl's parse_cpurange over a host bitmap: "all", "N", "N-M", "node:N", "^..." joined by commas. */
function cpuRange(d: DomainBuild, text: string, key: string, at: { start: number; end: number }): bigint[] | undefined {
  const { xl } = d;
  const bits = Math.ceil(d.host.cpus / 8) * 8;
  const set = new Set<number>();
  for (const raw of text.split(',').filter((p) => p !== '')) {
    let s = raw;
    const not = s.startsWith('^');
    if (not) s = s.slice(1);
    let nodes = false;
    if (s.startsWith('node:')) (s = s.slice(5)), (nodes = true);
    else if (s.startsWith('nodes:')) (s = s.slice(6)), (nodes = true);
    if (s === 'all') {
      if (not) {
        xl.fail('Can\'t combine "^" and "all".', 1, xl.at(key, at));
        return undefined;
      }
      for (let i = 0; i < bits; i++) set.add(i);
      continue;
    }
    const a = strtoul(s, 0, 10);
    let lo = a.value;
    let hi = a.value;
    let ok = a.ok && a.value !== ULONG_MAX;
    let end = a.end;
    if (ok && s[end] === '-') {
      const b = strtoul(s, end + 1, 10);
      ok = b.ok && b.value !== ULONG_MAX && b.value >= lo;
      hi = b.value;
      end = b.end;
    }
    if (!ok || end !== s.length) {
      xl.fail(`Invalid pcpu range: ${s}.`, 1, xl.at(key, at));
      return undefined;
    }
    for (let i = lo; i <= hi && i < BigInt(bits); i++) {
      if (nodes) {
        // A node the host does not have has no CPUs.
        if (i >= BigInt(d.host.nodes)) continue;
        // The modelled host spreads its CPUs evenly over its nodes.
        const per = Math.ceil(d.host.cpus / d.host.nodes);
        for (let c = Number(i) * per; c < Math.min(d.host.cpus, (Number(i) + 1) * per); c++) (not ? set.delete(c) : set.add(c));
      } else if (i < BigInt(bits)) {
        if (not) set.delete(Number(i));
        else set.add(Number(i));
      }
    }
    lo = hi;
  }
  return [...set].sort((x, y) => x - y).map(BigInt);
}
