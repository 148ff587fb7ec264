// Device lists as xl_parse.c builds them, in its order: disks, PCI passthrough and the rdm
// strategy (libxlutil's parsers, via the specs module), network interfaces (xl's vif
// tokenizer, via the specs module), framebuffers, channels and vTPMs here; the other devices
// xl tokenizes itself are in build-more-devices.ts.

import { parseDiskSpec } from '../../specs/disk';
import { parsePciSpec } from '../../specs/pci';
import { parseVifSpec } from '../../specs/vif';
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
    // Each device starts from b_info->u.hvm.rdm.policy. For PV and PVH that reads the other
    // member of the union, zero-filled there: 0 is "strict".
    const rdmPolicy = c_info.type === 'hvm' ? ((d.u.rdm as LibxlObject | undefined)?.policy ?? 'invalid') : 'strict';
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
      const at0 = `pcidevs.${devs.length}`;
      xl.from(at0, 'pci', it);
      if (s.bdf) {
        d.specSource(`${at0}.domain`, 'pci', it, s.bdf.domain);
        d.specSource(`${at0}.bus`, 'pci', it, s.bdf.bus);
        d.specSource(`${at0}.dev`, 'pci', it, s.bdf.dev);
        d.specSource(`${at0}.func`, 'pci', it, s.bdf.func);
      }
      d.specSource(`${at0}.vdevfn`, 'pci', it, s.vslot);
      d.specSource(`${at0}.permissive`, 'pci', it, s.permissive);
      d.specSource(`${at0}.msitranslate`, 'pci', it, s.msitranslate);
      d.specSource(`${at0}.seize`, 'pci', it, s.seize);
      d.specSource(`${at0}.power_mgmt`, 'pci', it, s.powerMgmt);
      d.specSource(`${at0}.rdm_policy`, 'pci', it, s.rdmPolicy);
      d.specSource(`${at0}.name`, 'pci', it, s.name);
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
    const at0 = `disks.${out.length}`;
    xl.from(at0, 'disk', it);
    d.specSource(`${at0}.pdev_path`, 'disk', it, s.target);
    d.specSource(`${at0}.vdev`, 'disk', it, s.vdev);
    d.specSource(`${at0}.format`, 'disk', it, s.formatField);
    d.specSource(`${at0}.readwrite`, 'disk', it, s.accessField);
    d.specSource(`${at0}.is_cdrom`, 'disk', it, s.cdromField);
    d.specSource(`${at0}.backend`, 'disk', it, s.backendType);
    d.specSource(`${at0}.script`, 'disk', it, s.script);
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

/** vif=: xl's own NIC tokenizer, through the specs module (parseVifSpec). */
function nics(d: DomainBuild): void {
  const { xl, config } = d;
  const r = xl.list('vif');
  if (r.status !== 'ok') return;
  const out: LibxlObject[] = [];
  for (const it of xl.items(r.list)) {
    const at = xl.at('vif', it);
    const p = parseVifSpec(it.value as string, { xenVersion: d.release });
    for (const prob of p.problems) {
      if (!prob.xenMessage) continue;
      // libxlutil's rate parser names the config file; xl's own messages do not.
      const text = prob.xenMessage.startsWith('config parsing error') ? `${xl.sourceName}: ${prob.xenMessage}` : prob.xenMessage;
      if (prob.reaction === 'fatal') return xl.fail(text, prob.exitStatus ?? 1, at);
      xl.say(text, at);
    }
    if (!p.spec.accepted) return xl.fail('', 1, at);
    const s = p.spec;
    const nic: LibxlObject = { devid: s.devid ? s.devid.value : BigInt(out.length) };
    if (s.type) nic.nictype = s.type.value === 'ioemu' ? 'vif_ioemu' : 'vif';
    if (s.mac) nic.mac = s.mac.value.map((b) => b.toString(16).padStart(2, '0')).join(':');
    const strings: Array<[string, string]> = [
      ['bridge', 'bridge'], ['gatewaydev', 'gatewaydev'], ['ip', 'ip'], ['script', 'script'], ['backend', 'backend_domname'],
      ['vifname', 'ifname'], ['model', 'model'], ['vlan', 'vlan'],
    ];
    for (const [k, field] of strings) {
      const v = (s as unknown as Record<string, { value: string } | undefined>)[k];
      if (v) nic[field] = v.value;
    }
    for (const [k, v] of Object.entries(s.colo)) nic[k === 'forwarddev' ? 'coloft_forwarddev' : k] = v.value;
    if (s.rate) {
      nic.rate_bytes_per_interval = s.rate.value.bytesPerInterval;
      nic.rate_interval_usecs = BigInt(s.rate.value.intervalUsecs);
    }
    if (s.mtu) nic.mtu = s.mtu.value;
    if (s.trusted) nic.trusted = s.trusted.value;
    const at0 = `nics.${out.length}`;
    xl.from(at0, 'vif', it);
    d.specSource(`${at0}.mac`, 'vif', it, s.mac);
    d.specSource(`${at0}.bridge`, 'vif', it, s.bridge);
    d.specSource(`${at0}.model`, 'vif', it, s.model);
    d.specSource(`${at0}.nictype`, 'vif', it, s.type);
    d.specSource(`${at0}.ip`, 'vif', it, s.ip);
    d.specSource(`${at0}.script`, 'vif', it, s.script);
    d.specSource(`${at0}.rate_bytes_per_interval`, 'vif', it, s.rate);
    d.specSource(`${at0}.devid`, 'vif', it, s.devid);
    d.specSource(`${at0}.mtu`, 'vif', it, s.mtu);
    out.push(nic);
  }
  config.nics = out;
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
