// The devices whose spec strings xl parses with its own small tokenizers (tools/xl/
// xl_parse.c): 9pfs shares, vTPM-less paravirtual devices (vdispl, pvcalls, vsnd, vkb,
// virtio), USB controllers and devices, and the guest NUMA layout (vnuma).

import type { DomainBuild } from './build-domain';
import { splitWords } from './build-domain';
import type { LibxlObject } from './libxl-json';
import type { ListItem } from '../config-view';
import type { Value } from '../../syntax/tree';

type At = { key: string; start: number; end: number };

/** strtok(buf, ","), then each token without its leading spaces (only ' '). */
function tokens(spec: string): string[] {
  return spec
    .split(',')
    .filter((t) => t !== '')
    .map((t) => t.replace(/^ +/, ''));
}

function option(token: string, name: string): string | undefined {
  return token.startsWith(name + '=') ? token.slice(name.length + 1) : undefined;
}

const isSpace = (c: string) => ' \t\n\v\f\r'.includes(c);
function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s[a])) a++;
  while (b > a && isSpace(s[b - 1])) b--;
  return s.slice(a, b);
}

/**
 * xl's split_string_into_pair(..., '=', isspace): from 4.18 the first '=' splits, the value
 * must not be empty, both halves are trimmed; up to 4.17 it was strtok-based (the value
 * stops at the next '=' and a leading '=' is skipped).
 */
export function splitPair(d: DomainBuild, s: string): { key: string; value: string } | null {
  if (d.atLeast('4.18')) {
    const eq = s.indexOf('=');
    if (eq < 0 || eq === s.length - 1) return null;
    return { key: trim(s.slice(0, eq)), value: trim(s.slice(eq + 1)) };
  }
  const parts = s.split('=').filter((p) => p !== '');
  if (parts.length < 2) return null;
  return { key: trim(parts[0]), value: trim(parts[1]) };
}

/** C strtoul(s, NULL, base 0) as xl uses it for spec fields (no error checking). */
function strtoul0(s: string): bigint {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) return 0n;
  const body = m[2];
  let v = /^0[xX]/.test(body) ? BigInt(body) : body.length > 1 && body[0] === '0' ? BigInt('0o' + body.slice(1)) : BigInt(body);
  if (v > 0xffffffffffffffffn) v = 0xffffffffffffffffn;
  return m[1] === '-' ? BigInt.asUintN(64, -v) : v;
}

/** C atoi. */
function atoi(s: string): bigint {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(s);
  return m ? BigInt.asIntN(32, BigInt(m[1])) : 0n;
}

/** xl's parse_ulong: decimal, something must be read; returns undefined when xl exits. */
function parseUlong(d: DomainBuild, s: string, at: At): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(s);
  const v = m ? BigInt(m[2]) : undefined;
  if (v === undefined || v >= 0xffffffffffffffffn) {
    d.xl.fail(`xl: failed to convert "${s}" to number`, 1, at);
    return undefined;
  }
  return m![1] === '-' ? BigInt.asUintN(64, -v) : v;
}

function stringItems(d: DomainBuild, key: string): { items: ListItem[]; at: (it: ListItem) => At } | undefined {
  const r = d.xl.list(key);
  if (r.status !== 'ok') return undefined;
  return { items: d.xl.items(r.list), at: (it) => d.xl.at(key, it) };
}

export const buildMoreDevices = {
  /** vnuma = [ [ "pnode=0", "size=512", "vcpus=0-1", "vdistances=10,20" ], ... ] */
  vnuma(d: DomainBuild): void {
    const { xl, b_info } = d;
    if (xl.exit) return;
    const r = xl.list('vnuma', true);
    if (r.status !== 'ok' || r.list.items.length === 0) return;
    const n = r.list.items.length;
    const nodes: LibxlObject[] = [];
    const maxVcpusGiven = BigInt.asIntN(32, (b_info.max_vcpus as bigint | undefined) ?? 0n);
    // The bitmaps hold max_vcpus bits (the host's CPU count when 0), rounded up to bytes.
    const vcpuBits = Math.ceil((Number(maxVcpusGiven) > 0 ? Number(maxVcpusGiven) : d.host.cpus) / 8) * 8;
    let maxVcpus = 0n;
    let maxMemkb = 0n;
    for (let i = 0; i < n; i++) nodes.push({ distances: Array.from({ length: n }, () => 0n) });
    for (let i = 0; i < n; i++) {
      const spec = r.list.items[i];
      const at = xl.at('vnuma', spec);
      const p = nodes[i];
      const node = spec.node;
      if (node.kind !== 'list') {
        xl.say(`${xl.sourceName}:${r.list.setting.line}:0: warning: value is not a list`, at);
        return xl.fail('xl: cannot get vnode config option list', 1, at);
      }
      const vcpus = new Set<number>();
      for (const opt of node.items) {
        if (opt.kind !== 'string') continue;
        const pair = splitPair(d, opt.value);
        if (!pair) return xl.fail(`xl: failed to split "${opt.value}" into pair`, 1, at);
        if (pair.key === 'pnode') {
          const v = parseUlong(d, pair.value, at);
          if (v === undefined) return;
          if (v >= BigInt(d.host.nodes)) return xl.fail(`xl: invalid pnode number: ${v}`, 1, at);
          p.pnode = v;
          b_info.numa_placement = false;
        } else if (pair.key === 'size') {
          const v = parseUlong(d, pair.value, at);
          if (v === undefined) return;
          p.memkb = BigInt.asUintN(64, v << 10n);
          maxMemkb = BigInt.asUintN(64, maxMemkb + (p.memkb as bigint));
        } else if (pair.key === 'vcpus') {
          const list = splitWords(pair.value, ',');
          if (!list) return xl.crash(at);
          for (const item of list) {
            // parse_range's result is not checked: a bad range leaves s and e as they came out.
            const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(item);
            if (!m) continue;
            const s = BigInt(m[1]);
            const e = m[2] !== undefined ? BigInt(m[2]) : s;
            for (let c = s; c <= e && c < s + 65536n; c++) {
              if (c < BigInt(vcpuBits)) vcpus.add(Number(c));
              maxVcpus++;
            }
          }
        } else if (pair.key === 'vdistances') {
          const list = splitWords(pair.value, ',');
          if (!list) return xl.crash(at);
          const dist = p.distances as bigint[];
          for (let j = 0; j < list.length; j++) {
            const v = parseUlong(d, list[j], at);
            if (v === undefined) return;
            if (j < n) dist[j] = BigInt.asUintN(32, v);
          }
        }
      }
      p.vcpus = [...vcpus].sort((a, b) => a - b).map(BigInt);
    }
    if (maxVcpusGiven !== 0n) {
      if (maxVcpusGiven !== maxVcpus) return xl.fail('xl: vnuma vcpus and maxvcpus= mismatch', 1, xl.at('vnuma', r.list));
    } else {
      if (BigInt(d.host.cpus) < maxVcpus) {
        return xl.fail('xl: vnuma specifies more vcpus than pcpus, use maxvcpus= to override this check.', 1, xl.at('vnuma', r.list));
      }
      b_info.max_vcpus = maxVcpus;
      xl.from('b_info.max_vcpus', 'vnuma', r.list);
    }
    if (b_info.max_memkb !== undefined && b_info.max_memkb !== maxMemkb) {
      return xl.fail('xl: maxmem and vnuma memory size mismatch', 1, xl.at('vnuma', r.list));
    }
    b_info.max_memkb = maxMemkb;
    b_info.vnuma_nodes = nodes;
    xl.from('b_info.max_memkb', 'vnuma', r.list);
    xl.from('b_info.vnuma_nodes', 'vnuma', r.list);
  },

  p9(d: DomainBuild): void {
    const { xl, config } = d;
    const l = stringItems(d, 'p9');
    if (!l) return;
    const out: LibxlObject[] = [];
    for (const it of l.items) {
      const at = l.at(it);
      // xl initialises each share a second time, which resets the devid it just gave it.
      const p9: LibxlObject = {};
      if (!d.atLeast('4.18')) {
        // 4.17: key=value tokens, all of tag, path and security_model required.
        for (const tok of tokens(it.value as string)) {
          const eq = tok.indexOf('=');
          if (eq < 0) break;
          const k = tok.slice(0, eq);
          const v = tok.slice(eq + 1);
          const field = { security_model: 'security_model', path: 'path', tag: 'tag', backend: 'backend_domname' }[k];
          if (!field) return xl.fail(`Unknown string \`${k}' in 9pfs spec`, 1, at);
          p9[field] = v;
        }
        if (p9.path === undefined || p9.security_model === undefined || p9.tag === undefined) {
          return xl.fail('9pfs spec missing required field!', 1, at);
        }
      } else {
        const pairs = splitWords(it.value as string, ',');
        if (!pairs) return xl.crash(at);
        for (const raw of pairs) {
          const pair = splitPair(d, raw);
          if (!pair) return xl.fail(`failed to parse 9pfs configuration: ${raw}`, 1, at, true);
          const { key, value } = pair;
          if (key === 'security_model' || key === 'path' || key === 'tag') p9[key] = value;
          else if (key === 'backend') p9.backend_domname = value;
          else if (key === 'type') {
            const t = d.enumFromString('p9_type', value);
            if (!t) return xl.fail(`failed to parse 9pfs type: ${value}`, 1, at);
            p9.type = t;
          } else if (key === 'max-files' || key === 'max-open-files' || key === 'max-space') {
            const v = parseUlong(d, value, at);
            if (v === undefined) return;
            p9[key.replace(/-/g, '_')] = v;
          } else if (key === 'auto-delete') p9.auto_delete = strtoul0(value) !== 0n;
          else return xl.fail(`Unknown 9pfs parameter '${key}'`, 1, at);
        }
        // The xen_9pfsd backend gets a default share under xl's log directory.
        if (p9.type === 'xen_9pfsd' && p9.path === undefined) p9.path = `/var/log/xen/guests/${String(d.c_info.name ?? '')}`;
      }
      xl.from(`p9s.${out.length}`, 'p9', it);
      out.push(p9);
    }
    config.p9s = out;
  },

  vdispl(d: DomainBuild): void {
    const { xl, config } = d;
    const l = stringItems(d, 'vdispl');
    if (!l) return;
    const out: LibxlObject[] = [];
    for (const it of l.items) {
      const at = l.at(it);
      const v: LibxlObject = { devid: BigInt(out.length) };
      let connectors: LibxlObject[] = [];
      for (const tok of tokens(it.value as string)) {
        let val: string | undefined;
        if ((val = option(tok, 'backend')) !== undefined) v.backend_domname = val;
        else if ((val = option(tok, 'be-alloc')) !== undefined) v.be_alloc = strtoul0(val) !== 0n;
        else if ((val = option(tok, 'connectors')) !== undefined) {
          const list = splitWords(val, ';');
          if (!list) return xl.crash(at);
          connectors = [];
          for (const c of list) {
            // split at ':' with no trimming; a failed split leaves the resolution unset and
            // xl reads it anyway.
            const colon = c.indexOf(':');
            // (Undefined behaviour: Debian's 4.17 build aborts in free(), later builds segfault.)
          if (colon < 0 || colon === c.length - 1) return xl.crash(at, d.atLeast('4.18') ? 'SIGSEGV' : 'SIGABRT');
            const m = /^[ \t\n\v\f\r]*\+?([0-9]+)x[ \t\n\v\f\r]*\+?([0-9]+)/.exec(c.slice(colon + 1));
            if (!m) return xl.fail("Can't parse connector resolution", 1, at);
            connectors.push({ unique_id: c.slice(0, colon), width: BigInt.asUintN(32, BigInt(m[1])), height: BigInt.asUintN(32, BigInt(m[2])) });
          }
        } else return xl.fail(`Unknown string "${tok}" in vdispl spec`, 1, at);
      }
      if (connectors.length === 0) return xl.fail('At least one connector should be specified.', 1, at);
      v.connectors = connectors;
      xl.from(`vdispls.${out.length}`, 'vdispl', it);
      out.push(v);
    }
    config.vdispls = out;
  },

  pvcalls(d: DomainBuild): void {
    const { xl, config } = d;
    const l = stringItems(d, 'pvcalls');
    if (!l) return;
    const out: LibxlObject[] = [];
    for (const it of l.items) {
      const at = l.at(it);
      const p: LibxlObject = { devid: BigInt(out.length) };
      for (const tok of tokens(it.value as string)) {
        const eq = tok.indexOf('=');
        if (eq < 0) break;
        if (tok.slice(0, eq) !== 'backend') return xl.fail(`Unknown string \`${tok.slice(0, eq)}' in pvcalls spec`, 1, at);
        p.backend_domname = tok.slice(eq + 1);
      }
      xl.from(`pvcallsifs.${out.length}`, 'pvcalls', it);
      out.push(p);
    }
    config.pvcallsifs = out;
  },

  usbctrl(d: DomainBuild): void {
    const { xl, config } = d;
    const l = stringItems(d, 'usbctrl');
    if (!l) return;
    const out: LibxlObject[] = [];
    for (const it of l.items) {
      const at = l.at(it);
      const u: LibxlObject = { devid: BigInt(out.length) };
      for (const tok of tokens(it.value as string)) {
        let v: string | undefined;
        if ((v = option(tok, 'type')) !== undefined) {
          const t = d.enumFromString('usbctrl_type', v);
          if (!t) return xl.fail(`Invalid usb controller type '${v}'`, 1, at);
          u.type = t;
        } else if ((v = option(tok, 'version')) !== undefined) u.version = atoi(v);
        else if ((v = option(tok, 'ports')) !== undefined) u.ports = atoi(v);
        else return xl.fail(`Unknown string \`${tok}' in usbctrl spec`, 1, at);
      }
      xl.from(`usbctrls.${out.length}`, 'usbctrl', it);
      out.push(u);
    }
    config.usbctrls = out;
  },

  usbdev(d: DomainBuild): void {
    const { xl, config } = d;
    const l = stringItems(d, 'usbdev');
    if (!l) return;
    const out: LibxlObject[] = [];
    for (const it of l.items) {
      const at = l.at(it);
      const u: LibxlObject = { ctrl: -1n };
      const host: LibxlObject = {};
      for (const tok of tokens(it.value as string)) {
        let v: string | undefined;
        if ((v = option(tok, 'type')) !== undefined) {
          const t = d.enumFromString('usbdev_type', v);
          // xl prints getopt's optarg here, not the value (a NULL pointer: "(null)").
          if (!t) return xl.fail('Invalid usb device type: (null)', 1, at);
          u.type = t;
        } else if ((v = option(tok, 'hostbus')) !== undefined) host.hostbus = BigInt.asUintN(8, strtoul0(v));
        else if ((v = option(tok, 'hostaddr')) !== undefined) host.hostaddr = BigInt.asUintN(8, strtoul0(v));
        else if ((v = option(tok, 'controller')) !== undefined) u.ctrl = atoi(v);
        else if ((v = option(tok, 'port')) !== undefined) u.port = atoi(v);
        else return xl.fail(`Unknown string \`${tok}' in usbdev spec`, 1, at);
      }
      u.u = host;
      xl.from(`usbdevs.${out.length}`, 'usbdev', it);
      out.push(u);
    }
    config.usbdevs = out;
  },

  vkb(d: DomainBuild): void {
    const { xl, config } = d;
    const l = stringItems(d, 'vkb');
    if (!l) return;
    const out = [...((config.vkbs as LibxlObject[] | undefined) ?? [])];
    const FEATURES: Record<string, string> = {
      'feature-disable-keyboard': 'feature_disable_keyboard',
      'feature-disable-pointer': 'feature_disable_pointer',
      'feature-abs-pointer': 'feature_abs_pointer',
      'feature-raw-pointer': 'feature_raw_pointer',
      'feature-multi-touch': 'feature_multi_touch',
    };
    const NUMBERS: Record<string, string> = {
      'multi-touch-width': 'multi_touch_width',
      'multi-touch-height': 'multi_touch_height',
      'multi-touch-num-contacts': 'multi_touch_num_contacts',
      width: 'width',
      height: 'height',
    };
    for (const it of l.items) {
      const at = l.at(it);
      const k: LibxlObject = { devid: BigInt(out.length) };
      for (const tok of tokens(it.value as string)) {
        const eq = tok.indexOf('=');
        const name = eq < 0 ? tok : tok.slice(0, eq);
        const v = eq < 0 ? undefined : tok.slice(eq + 1);
        if (v !== undefined && name === 'backend') k.backend_domname = v;
        else if (v !== undefined && name === 'backend-type') {
          const t = d.enumFromString('vkb_backend', v);
          if (!t) return xl.fail(`Unknown backend_type "${v}" in vkb spec`, 1, at);
          k.backend_type = t;
        } else if (v !== undefined && name === 'unique-id') k.unique_id = v;
        else if (v !== undefined && FEATURES[name]) k[FEATURES[name]] = strtoul0(v) !== 0n;
        else if (v !== undefined && NUMBERS[name]) k[NUMBERS[name]] = BigInt.asUintN(32, strtoul0(v));
        else return xl.fail(`Unknown string "${tok}" in vkb spec`, 1, at);
      }
      if (k.backend_type === undefined || k.backend_type === 'unknown') return xl.fail('backend-type should be set in vkb spec', 1, at);
      const mt = [k.multi_touch_height, k.multi_touch_width, k.multi_touch_num_contacts].some((x) => x !== undefined && x !== 0n);
      if (mt) k.feature_multi_touch = true;
      if (k.feature_multi_touch && !mt) {
        return xl.fail('multi-touch-width, multi-touch-height, multi-touch-num-contacts should be set for multi touch in vkb spec', 1, at);
      }
      xl.from(`vkbs.${out.length}`, 'vkb', it);
      out.push(k);
    }
    config.vkbs = out;
  },

  virtio(d: DomainBuild): void {
    const { xl, config } = d;
    const l = stringItems(d, 'virtio');
    if (!l) return;
    const out: LibxlObject[] = [];
    for (const it of l.items) {
      const at = l.at(it);
      const v: LibxlObject = { devid: BigInt(out.length) };
      const toks = tokens(it.value as string);
      for (let i = 0; i < toks.length; i++) {
        let tok = toks[i];
        // A type such as "virtio,device22" contains a comma: xl glues the next token back on.
        const t = option(tok, 'type');
        if (t !== undefined && t.startsWith('virtio')) {
          if (i + 1 >= toks.length) return xl.crash(at);
          tok = `${tok},${(it.value as string).split(',').filter((x) => x !== '')[i + 1]}`;
          i++;
        }
        let val: string | undefined;
        if ((val = option(tok, 'backend')) !== undefined) v.backend_domname = val;
        else if ((val = option(tok, 'type')) !== undefined) v.type = val;
        else if ((val = option(tok, 'transport')) !== undefined) {
          const tr = d.enumFromString('virtio_transport', val);
          if (!tr) return xl.fail('', 1, at);
          v.transport = tr;
        } else if ((val = option(tok, 'grant_usage')) !== undefined) v.grant_usage = strtoul0(val) !== 0n;
        else return xl.fail(`Unknown string "${tok}" in virtio spec`, 1, at);
      }
      xl.from(`virtios.${out.length}`, 'virtio', it);
      out.push(v);
    }
    config.virtios = out;
  },

  vsnd(d: DomainBuild): void {
    const { xl, config } = d;
    const r = xl.list('vsnd');
    if (r.status !== 'ok') return;
    const out: LibxlObject[] = [];
    for (const card of r.list.items) {
      const at = xl.at('vsnd', card);
      if (card.node.kind !== 'list') {
        xl.say(`${xl.sourceName}:${r.list.setting.line}:0: warning: value is not a list`, at);
        return xl.fail('Failed to get vsnd card list: Invalid argument', 1, at);
      }
      const vsnd: LibxlObject = { devid: BigInt(out.length), params: {} };
      out.push(vsnd);
      for (const item of stringsUntilNested(card.node.items)) {
        if (!vsndItem(d, vsnd, item, at)) return;
      }
      xl.from(`vsnds.${out.length - 1}`, 'vsnd', card);
    }
    config.vsnds = out;
  },
};

function stringsUntilNested(items: Value[]): string[] {
  const out: string[] = [];
  for (const v of items) {
    if (v.kind !== 'string') break;
    out.push(v.value);
  }
  return out;
}

/** parse_vsnd_item: the first token says what it adds (card, pcm, stream), the rest set fields. */
function vsndItem(d: DomainBuild, vsnd: LibxlObject, spec: string, at: At): boolean {
  const { xl } = d;
  let key: string | undefined;
  for (const tok of tokens(spec)) {
    if (key === undefined) {
      key = tok.toLowerCase();
      if (key === 'pcm') pcms(vsnd).push({ params: {} });
      else if (key === 'stream') {
        if (pcms(vsnd).length === 0) pcms(vsnd).push({ params: {} });
        streams(last(pcms(vsnd))).push({ params: {} });
      } else if (key !== 'card') {
        xl.fail(`Invalid key: ${tok}`, 1, at);
        return false;
      }
      continue;
    }
    const target = key === 'card' ? vsnd : key === 'pcm' ? last(pcms(vsnd)) : last(streams(last(pcms(vsnd))));
    const p = vsndParams(d, target.params as LibxlObject, tok, at);
    if (p === 'exit') return false;
    if (p) continue;
    let v: string | undefined;
    if (key === 'card' && (v = option(tok, 'backend')) !== undefined) vsnd.backend_domname = v;
    else if (key === 'card' && (v = option(tok, 'short-name')) !== undefined) vsnd.short_name = v;
    else if (key === 'card' && (v = option(tok, 'long-name')) !== undefined) vsnd.long_name = v;
    else if (key === 'pcm' && (v = option(tok, 'name')) !== undefined) target.name = v;
    else if (key === 'stream' && (v = option(tok, 'unique-id')) !== undefined) target.unique_id = v;
    else if (key === 'stream' && (v = option(tok, 'type')) !== undefined) {
      const t = d.enumFromString('vsnd_stream_type', v);
      if (!t) {
        xl.fail(`Invalid stream type: ${v}`, 1, at);
        return false;
      }
      target.type = t;
    } else {
      xl.fail(`Invalid parameter: ${tok}`, 1, at);
      return false;
    }
  }
  return true;
}

function pcms(vsnd: LibxlObject): LibxlObject[] {
  return (vsnd.pcms ??= []) as LibxlObject[];
}
function streams(pcm: LibxlObject): LibxlObject[] {
  return (pcm.streams ??= []) as LibxlObject[];
}
function last(a: LibxlObject[]): LibxlObject {
  return a[a.length - 1];
}

/** parse_vsnd_params: true when the token was a parameter, 'exit' when xl stops. */
function vsndParams(d: DomainBuild, params: LibxlObject, tok: string, at: At): boolean | 'exit' {
  let v: string | undefined;
  if ((v = option(tok, 'sample-rates')) !== undefined) {
    const list = splitWords(v, ';');
    if (!list) {
      d.xl.crash(at);
      return 'exit';
    }
    params.sample_rates = list.map((x) => BigInt.asUintN(32, strtoul0(x)));
  } else if ((v = option(tok, 'sample-formats')) !== undefined) {
    const list = splitWords(v, ';');
    if (!list) {
      d.xl.crash(at);
      return 'exit';
    }
    const formats: string[] = [];
    for (const f of list) {
      const e = d.enumFromString('vsnd_pcm_format', f);
      if (!e) {
        d.xl.fail(`Invalid pcm format: ${f}`, 1, at);
        return 'exit';
      }
      formats.push(e);
    }
    params.sample_formats = formats;
  } else if ((v = option(tok, 'channels-min')) !== undefined) params.channels_min = BigInt.asUintN(32, strtoul0(v));
  else if ((v = option(tok, 'channels-max')) !== undefined) params.channels_max = BigInt.asUintN(32, strtoul0(v));
  else if ((v = option(tok, 'buffer-size')) !== undefined) params.buffer_size = BigInt.asUintN(32, strtoul0(v));
  else return false;
  return true;
}
