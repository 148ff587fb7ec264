// Device lists as xl_parse.c builds them: PCI passthrough (libxlutil's PCI parser, via the
// specs module), the rdm strategy, network interfaces (xl's own vif tokenizer), framebuffers,
// channels and vTPMs. Lists whose spec strings are not modelled yet are recorded in
// `unmodelled` so a comparison can say so.

import { parseDiskSpec } from '../../specs/disk';
import { parsePciSpec } from '../../specs/pci';
import { parseRdmSpec } from '../../specs/rdm';
import type { DomainBuild } from './build-domain';
import { readPciDefaults, splitWords } from './build-domain';
import { buildMoreDevices as more } from './build-more-devices';
import type { LibxlObject } from './libxl-json';

const LIBXL_PCI_FUNC_ALL = 0xffffffffn;

export const buildDevices = {
  rdm(d: DomainBuild): void {
    const { xl } = d;
    const s = xl.string('rdm');
    if (!s) return;
    const r = parseRdmSpec(s.value, { xenVersion: d.release });
    for (const p of r.problems) if (p.xenMessage) xl.say(p.xenMessage, xl.at('rdm', s));
    if (!r.spec.accepted || d.c_info.type !== 'hvm') return;
    const rdm = d.obj(d.u, 'rdm');
    rdm.strategy = r.spec.effectiveStrategy;
    if (r.spec.effectivePolicy) rdm.policy = r.spec.effectivePolicy;
    xl.from('b_info.u.rdm', 'rdm', s);
  },

  pci(d: DomainBuild, flags: Record<string, bigint>): void {
    const { xl, config, c_info } = d;
    if (xl.exit) return;
    const r = xl.list('pci');
    if (r.status !== 'ok') return;
    const devs: LibxlObject[] = [];
    const rdmPolicy = c_info.type === 'hvm' ? ((d.u.rdm as LibxlObject | undefined)?.policy ?? 'invalid') : 'invalid';
    for (const it of xl.items(r.list)) {
      const text = it.value as string;
      const dev: LibxlObject = {
        msitranslate: (flags.pci_msitranslate ?? 0n) !== 0n,
        power_mgmt: (flags.pci_power_mgmt ?? 0n) !== 0n,
        permissive: (flags.pci_permissive ?? 0n) !== 0n,
        seize: (flags.pci_seize ?? 0n) !== 0n,
        rdm_policy: rdmPolicy,
      };
      const p = parsePciSpec(text, { xenVersion: d.release });
      // libxlutil's PCI parser prints its complaints without a newline; the specs module
      // gives, for a fatal problem, everything xl prints (complaint and xl's own line).
      const fatal = p.problems.find((x) => x.reaction === 'fatal' || x.reaction === 'crash');
      for (const prob of p.problems) {
        if (prob !== fatal && prob.xenMessage) xl.say(prob.xenMessage, xl.at('pci', it), true);
      }
      if (!p.spec.accepted || fatal) {
        if (fatal?.reaction === 'crash') return xl.crash(xl.at('pci', it));
        xl.fail(fatal?.xenMessage ?? `unable to parse PCI_SPEC_STRING \`${text}' for passthrough`, fatal?.exitStatus ?? 6, xl.at('pci', it));
        return;
      }
      const s = p.spec;
      if (s.bdf) {
        dev.domain = BigInt(s.bdf.domain.value);
        dev.bus = BigInt(s.bdf.bus.value);
        dev.dev = BigInt(s.bdf.dev.value);
        if (s.bdf.func.value === null) {
          dev.func = 0n;
          dev.vfunc_mask = LIBXL_PCI_FUNC_ALL;
        } else {
          dev.func = BigInt(s.bdf.func.value);
          dev.vfunc_mask = 1n;
        }
      }
      if (s.vslot) dev.vdevfn = BigInt(s.vslot.value) << 3n;
      if (s.permissive) dev.permissive = s.permissive.value;
      if (s.msitranslate) dev.msitranslate = s.msitranslate.value;
      if (s.seize) dev.seize = s.seize.value;
      if (s.powerMgmt) dev.power_mgmt = s.powerMgmt.value;
      if (s.rdmPolicy) dev.rdm_policy = s.rdmPolicy.value;
      if (s.name) dev.name = s.name.value;
      xl.from(`pcidevs.${devs.length}`, 'pci', it);
      devs.push(dev);
    }
    config.pcidevs = devs;
    // A PV guest with passthrough gets the host's memory map.
    if (devs.length && c_info.type === 'pv') d.u.e820_host = true;
  },

  /** The lists xl reads after the I/O resources: disks to USB devices, in xl's order. */
  afterResources(d: DomainBuild): void {
    const { xl } = d;
    if (xl.exit) return;
    disks(d);
    if (xl.exit) return;
    for (const step of [more.p9, vtpm, more.vdispl, more.pvcalls, more.vsnd, channels]) {
      step(d);
      if (xl.exit) return;
    }
    if (xl.exit) return;
    nics(d);
    if (xl.exit) return;
    if (xl.list('vif2').status === 'ok') xl.say('WARNING: vif2: netchannel2 is deprecated and not supported by xl');
    vfbs(d);
    if (!d.atLeast('4.17')) {
      readPciDefaults(d);
      buildDevices.rdm(d);
    }
    more.usbctrl(d);
    if (xl.exit) return;
    more.usbdev(d);
  },

  /** vkb and virtio come after the platform keys. */
  late(d: DomainBuild): void {
    if (d.xl.exit) return;
    more.vkb(d);
    if (d.reads('virtio') && !d.xl.exit) more.virtio(d);
  },
};

/** disk=: libxlutil's disk parser (the specs module) for each item, into libxl_device_disk. */
function disks(d: DomainBuild): void {
  const { xl, config } = d;
  const r = xl.list('disk');
  if (r.status !== 'ok') return;
  const out: LibxlObject[] = [];
  for (const it of xl.items(r.list)) {
    const at = xl.at('disk', it);
    const p = parseDiskSpec(it.value as string, { xenVersion: d.release });
    const printed = p.problems.filter((x) => x.xenMessage);
    for (const prob of printed) xl.say(`${xl.sourceName}: ${prob.xenMessage}`, at);
    if (!p.spec.accepted) {
      // xlu_disk_parse said EINVAL: xl exits 1 after the parser's own messages.
      xl.fail('', 1, at);
      return;
    }
    const s = p.spec;
    const disk: LibxlObject = { format: s.format };
    if (s.target) disk.pdev_path = s.target.value;
    if (s.vdev) disk.vdev = s.vdev.value;
    if (s.backendType) disk.backend = s.backendType.value;
    if (s.backendDomain) disk.backend_domname = s.backendDomain.value;
    if (s.script) disk.script = s.script.value;
    disk.removable = s.removable ? 1n : 0n;
    disk.readwrite = s.readwrite ? 1n : 0n;
    disk.is_cdrom = s.isCdrom ? 1n : 0n;
    if (s.directIoSafe) disk.direct_io_safe = s.directIoSafe.value;
    if (s.discard) disk.discard_enable = s.discard.value;
    if (s.specification) disk.specification = s.specification.value;
    if (s.trusted) disk.trusted = s.trusted.value;
    if (s.grantUsage) disk.grant_usage = s.grantUsage.value;
    if (s.colo) disk.colo_enable = s.colo.value;
    if (s.coloHost) disk.colo_host = s.coloHost.value;
    if (s.coloPort) disk.colo_port = BigInt(s.coloPort.value);
    if (s.coloExport) disk.colo_export = s.coloExport.value;
    if (s.activeDisk) disk.active_disk = s.activeDisk.value;
    if (s.hiddenDisk) disk.hidden_disk = s.hiddenDisk.value;
    xl.from(`disks.${out.length}`, 'disk', it);
    out.push(disk);
  }
  config.disks = out;
}


/** xl's MATCH_OPTION: `token` starts with `name=`; returns the text after '='. */
function option(token: string, name: string): string | undefined {
  return token.startsWith(name + '=') ? token.slice(name.length + 1) : undefined;
}

/** strtok(buf, ","), then skipping the spaces (only spaces) at the start of each token. */
function tokens(spec: string): string[] {
  return spec
    .split(',')
    .filter((t) => t !== '')
    .map((t) => t.replace(/^ +/, ''));
}

const NIC_STRINGS: Record<string, string> = {
  bridge: 'bridge',
  gatewaydev: 'gatewaydev',
  ip: 'ip',
  script: 'script',
  backend: 'backend_domname',
  vifname: 'ifname',
  model: 'model',
  forwarddev: 'coloft_forwarddev',
  vlan: 'vlan',
};

function nics(d: DomainBuild): void {
  const { xl, config } = d;
  const r = xl.list('vif');
  if (r.status !== 'ok') return;
  const out: LibxlObject[] = [];
  for (const it of xl.items(r.list)) {
    const at = xl.at('vif', it);
    const nic: LibxlObject = { devid: BigInt(out.length) };
    for (const tok of tokens(it.value as string)) {
      let v: string | undefined;
      if ((v = option(tok, 'type')) !== undefined) {
        if (v === 'vif') nic.nictype = 'vif';
        else if (v === 'ioemu') nic.nictype = 'vif_ioemu';
        else xl.say("Invalid parameter `type'.", at);
      } else if ((v = option(tok, 'mac')) !== undefined) {
        const mac = parseMac(v);
        if (mac.ok) nic.mac = mac.text;
        else {
          if (mac.partial) nic.mac = mac.partial;
          xl.say("Invalid parameter `mac'.", at);
        }
      } else if ((v = option(tok, 'netdev')) !== undefined) {
        xl.say('the netdev parameter is deprecated, please use gatewaydev instead', at);
        nic.gatewaydev = v;
      } else if ((v = option(tok, 'rate')) !== undefined) {
        const rate = parseVifRate(v, xl.sourceName);
        if (!rate.ok) {
          xl.fail(rate.message, 1, at);
          return;
        }
        nic.rate_interval_usecs = rate.intervalUsecs;
        nic.rate_bytes_per_interval = rate.bytesPerInterval;
      } else if (option(tok, 'accel') !== undefined) {
        xl.say('the accel parameter for vifs is currently not supported', at);
      } else if ((v = option(tok, 'devid')) !== undefined || (v = option(tok, 'mtu')) !== undefined) {
        const field = tok.startsWith('devid=') ? 'devid' : 'mtu';
        const n = parseUlong10(v);
        if (n === undefined) {
          xl.fail(`xl: failed to convert "${v}" to number`, 1, at);
          return;
        }
        nic[field] = n;
      } else if (tok === 'trusted') nic.trusted = true;
      else if (tok === 'untrusted') nic.trusted = false;
      else {
        // vlan= arrived in 4.19.
        const name = Object.keys(NIC_STRINGS).find((k) => option(tok, k) !== undefined && (k !== 'vlan' || d.atLeast('4.19')));
        const colo = /^(colo_[a-z0-9_]+)=/.exec(tok);
        if (name) nic[NIC_STRINGS[name]] = option(tok, name)!;
        else if (colo && COLO_FIELDS.has(colo[1])) nic[colo[1]] = tok.slice(colo[1].length + 1);
        else xl.say(`unrecognized argument \`${tok}'`, at);
      }
    }
    xl.from(`nics.${out.length}`, 'vif', it);
    out.push(nic);
  }
  config.nics = out;
}

const COLO_FIELDS = new Set(
  [
    'sock_mirror_id', 'sock_mirror_ip', 'sock_mirror_port', 'sock_compare_sec_in_id', 'sock_compare_sec_in_ip',
    'sock_compare_sec_in_port', 'sock_redirector0_id', 'sock_redirector0_ip', 'sock_redirector0_port',
    'sock_redirector1_id', 'sock_redirector1_ip', 'sock_redirector1_port', 'sock_redirector2_id',
    'sock_redirector2_ip', 'sock_redirector2_port', 'sock_compare_pri_in_id', 'sock_compare_pri_in_ip',
    'sock_compare_pri_in_port', 'sock_compare_notify_id', 'sock_compare_notify_ip', 'sock_compare_notify_port',
    'filter_mirror_queue', 'filter_mirror_outdev', 'filter_redirector0_queue', 'filter_redirector0_indev',
    'filter_redirector0_outdev', 'filter_redirector1_queue', 'filter_redirector1_indev', 'filter_redirector1_outdev',
    'compare_pri_in', 'compare_sec_in', 'compare_out', 'compare_notify_dev', 'sock_sec_redirector0_id',
    'sock_sec_redirector0_ip', 'sock_sec_redirector0_port', 'sock_sec_redirector1_id', 'sock_sec_redirector1_ip',
    'sock_sec_redirector1_port', 'filter_sec_redirector0_queue', 'filter_sec_redirector0_indev',
    'filter_sec_redirector0_outdev', 'filter_sec_redirector1_queue', 'filter_sec_redirector1_indev',
    'filter_sec_redirector1_outdev', 'filter_sec_rewriter0_queue', 'checkpoint_host', 'checkpoint_port',
  ].map((s) => 'colo_' + s),
);

/** Six strtoul(…, 16) fields each followed by one separator character (any character). */
function parseMac(text: string): { ok: true; text: string } | { ok: false; partial?: string } {
  const bytes: number[] = [];
  let p = 0;
  for (let i = 0; i < 6; i++) {
    const m = /^[ \t\n\v\f\r]*[+-]?(0[xX])?[0-9a-fA-F]+/.exec(text.slice(p));
    if (!m || p > text.length) return { ok: false, partial: bytes.length ? fmtMac(bytes) : undefined };
    const v = parseInt(m[0].trim(), 16);
    if (!(v <= 255)) return { ok: false, partial: bytes.length ? fmtMac(bytes) : undefined };
    bytes.push(v);
    p += m[0].length + 1;
  }
  return { ok: true, text: fmtMac(bytes) };
}

function fmtMac(bytes: number[]): string {
  const all = [...bytes, 0, 0, 0, 0, 0, 0].slice(0, 6);
  return all.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** xl's parse_ulong: strtoul base 10, something must be read (trailing text is ignored). */
function parseUlong10(s: string): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(s);
  if (!m) return undefined;
  const v = BigInt(m[2]);
  if (v >= 0xffffffffffffffffn) return undefined;
  return m[1] === '-' ? BigInt.asUintN(64, -v) : v;
}

type RateResult = { ok: true; bytesPerInterval: bigint; intervalUsecs: bigint } | { ok: false; message: string };

/** libxlutil's xlu_vif_parse_rate: `N[GMK](B|b)/s[@N[m|u]s]`, default interval 50 ms. */
export function parseVifRate(rate: string, source: string): RateResult {
  const err = (msg: string): RateResult => ({ ok: false, message: `${source}: config parsing error in vif: ${msg} in \`${rate}'` });
  const at = rate.indexOf('@');
  const bytes = at < 0 ? rate : rate.slice(0, at);
  const interval = at < 0 ? undefined : rate.slice(at + 1);
  if (bytes === '') return { ok: false, message: `${source}: config parsing error in vif: no rate specified in \`${rate}'` };
  if (!/^[0-9]+[GMK]?[Bb]\/s$/.test(bytes)) return { ok: false, message: `${source}: config parsing error in vif: invalid rate in \`${bytes}'` };
  const num = /^[0-9]+/.exec(bytes)![0];
  let bps = strtoull0(num);
  if (bps === 0n || bps > 0xffffffffn) return { ok: false, message: `${source}: config parsing error in vif: rate overflow in \`${bytes}'` };
  const rest = bytes.slice(num.length);
  if (rest[0] === 'G') bps *= 1000000000n;
  else if (rest[0] === 'M') bps *= 1000000n;
  else if (rest[0] === 'K') bps *= 1000n;
  if (rest[0] === 'b' || rest[1] === 'b') bps /= 8n;
  let usecs = 50000n;
  if (interval !== undefined) {
    if (!/^[0-9]+[mu]?s?$/.test(interval)) {
      return { ok: false, message: `${source}: config parsing error in vif: invalid replenishment interval in \`${interval}'` };
    }
    const n = /^[0-9]+/.exec(interval)![0];
    let t = strtoull0(n);
    const over = `${source}: config parsing error in vif: replenishment interval overflow in \`${interval}'`;
    if (t === 0n || t > 0xffffffffn) return { ok: false, message: over };
    const unit = interval.slice(n.length);
    if (unit[0] === 's' || unit === '') t *= 1000000n;
    else if (unit[0] === 'm') t *= 1000n;
    if (t > 0xffffffffn) return { ok: false, message: over };
    usecs = t;
  }
  if (usecs !== 0n && bps > 0xffffffffffffffffn / usecs) return err('rate overflow');
  return { ok: true, bytesPerInterval: (bps * usecs) / 1000000n, intervalUsecs: usecs };
}

/** strtoull base 0 over digits only (a leading 0 reads octal; 8 and 9 stop it). */
function strtoull0(digits: string): bigint {
  if (digits.length > 1 && digits[0] === '0') {
    const m = /^[0-7]*/.exec(digits.slice(1))![0];
    return m ? BigInt('0o' + m) : 0n;
  }
  return BigInt(digits);
}

function vfbs(d: DomainBuild): void {
  const { xl, config } = d;
  const r = xl.list('vfb');
  if (r.status !== 'ok') return;
  const fbs: LibxlObject[] = [];
  const kbs: LibxlObject[] = [];
  for (const it of xl.items(r.list)) {
    const vfb: LibxlObject = { devid: BigInt(fbs.length) };
    const vnc = d.obj(vfb, 'vnc');
    const sdl = d.obj(vfb, 'sdl');
    for (const tok of tokens(it.value as string)) {
      const eq = tok.indexOf('=');
      // A token without '=' ends the spec (xl breaks out of its loop).
      if (eq < 0) break;
      const k = tok.slice(0, eq);
      const v = tok.slice(eq + 1);
      switch (k) {
        case 'vnc': vnc.enable = atoi(v) !== 0; break;
        case 'vnclisten': vnc.listen = v; break;
        case 'vncpasswd': vnc.passwd = v; break;
        case 'vncdisplay': vnc.display = BigInt(atoi(v)); break;
        case 'vncunused': vnc.findunused = atoi(v) !== 0; break;
        case 'keymap': vfb.keymap = v; break;
        case 'sdl': sdl.enable = atoi(v) !== 0; break;
        case 'opengl': sdl.opengl = atoi(v) !== 0; break;
        case 'display': sdl.display = v; break;
        case 'xauthority': sdl.xauthority = v; break;
      }
    }
    xl.from(`vfbs.${fbs.length}`, 'vfb', it);
    fbs.push(vfb);
    kbs.push({ devid: BigInt(kbs.length) });
  }
  config.vfbs = fbs;
  config.vkbs = kbs;
}

/** C atoi: optional blanks and sign, decimal digits, 32-bit wrap. */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(s);
  return m ? Number(BigInt.asIntN(32, BigInt(m[1]))) : 0;
}

function channels(d: DomainBuild): void {
  const { xl, config } = d;
  const r = xl.list('channel');
  if (r.status !== 'ok') return;
  const out: LibxlObject[] = [];
  for (const it of xl.items(r.list)) {
    const at = xl.at('channel', it);
    const chn: LibxlObject = { devid: -1n };
    let path: string | undefined;
    const pairs = splitWords(it.value as string, ',');
    if (!pairs) return xl.crash(at);
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      // No '=' or nothing after it; xl's message has no newline.
      if (eq < 0 || eq === pair.length - 1) {
        xl.fail(`failed to parse channel configuration: ${pair}`, 1, at, true);
        return;
      }
      const k = pair.slice(0, eq).trim();
      const v = pair.slice(eq + 1).trim();
      if (k === 'backend') chn.backend_domname = v;
      else if (k === 'name') chn.name = v;
      else if (k === 'path') path = v;
      else if (k === 'connection') {
        if (v === 'pty') chn.connection = 'pty';
        else if (v === 'socket') chn.connection = 'socket';
        else {
          xl.fail(`unknown channel connection '${v}'`, 1, at);
          return;
        }
      } else xl.say(`unknown channel parameter '${k}', ignoring`, at);
    }
    if (chn.connection === undefined) {
      xl.fail("channel has unknown 'connection'", 1, at);
      return;
    }
    if (chn.connection === 'socket') {
      if (path === undefined) {
        xl.fail("channel connection 'socket' requires path=..", 1, at);
        return;
      }
      chn.u = { path };
    }
    // Up to 4.20 channels got devids from their position; 4.21 leaves them to libxl.
    if (!d.atLeast('4.21')) chn.devid = BigInt(out.length);
    xl.from(`channels.${out.length}`, 'channel', it);
    out.push(chn);
  }
  config.channels = out;
}

function vtpm(d: DomainBuild): void {
  const { xl, config } = d;
  const r = xl.list('vtpm');
  if (r.status !== 'ok') return;
  const out: LibxlObject[] = [];
  for (const it of xl.items(r.list)) {
    const at = xl.at('vtpm', it);
    const v: LibxlObject = { devid: BigInt(out.length) };
    let backend = false;
    for (const tok of tokens(it.value as string)) {
      const eq = tok.indexOf('=');
      if (eq < 0) break;
      const k = tok.slice(0, eq);
      const val = tok.slice(eq + 1);
      if (k === 'backend') (v.backend_domname = val), (backend = true);
      else if (k === 'uuid') {
        if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(val)) {
          xl.fail(`Failed to parse vtpm UUID: ${val}`, 1, at);
          return;
        }
        v.uuid = val.toLowerCase();
      } else {
        xl.fail(`Unknown string \`${k}' in vtpm spec`, 1, at);
        return;
      }
    }
    if (!backend) {
      xl.fail('vtpm spec missing required backend field!', 1, at);
      return;
    }
    xl.from(`vtpms.${out.length}`, 'vtpm', it);
    out.push(v);
  }
  config.vtpms = out;
}
