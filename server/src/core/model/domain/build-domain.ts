// Builds the domain configuration the way xl's parse_config_data (tools/xl/xl_parse.c) does
// for one release: the same keys, read with the same getters, in the same order (so the
// warnings come out in xl's order), with the same conversions and the same fatal checks.
// Release differences are spelled out where they occur.

import { keyInfoAnyRelease, keyExistsIn } from '../../catalog/catalog';
import { compareXen, type XenVersion } from '../../xen-version';
import type { ConfigView, ListItem } from '../config-view';
import { valueRangeToOffsets } from '../../syntax/string-offsets';
import { buildDevices } from './build-devices';
import { buildCpuid } from './build-cpuid';
import { buildHvm } from './build-hvm';
import { buildMoreDevices } from './build-more-devices';
import { buildResources } from './build-resources';
import { decideGuestType } from './guest-type';
import { LibxlPrinter, type LibxlObject } from './libxl-json';
import type { DomainModel } from './types';
import { XlReader } from './xl-reader';

export interface BuildOptions {
  /** The name xl prints in getter warnings (`NAME:LINE: warning: ...`); default `xl.cfg`. */
  sourceName?: string;
  /** Host facts xl queries while parsing; the default is the oracle's fake host (8 CPUs, 1 node). */
  host?: { cpus: number; nodes: number };
  /**
   * How xl was built: whether it has pygrub (from 4.18 an xl without it refuses
   * bootloader="pygrub"), and XENFIRMWAREDIR (where `firmware="pvgrub64"` points).
   * Defaults: with pygrub, upstream's default firmware directory.
   */
  build?: { pygrub?: boolean; firmwareDir?: string };
  /**
   * The document text. With it, fields read from inside a spec string (`disks.0.vdev`,
   * `nics.0.mac`, `pcidevs.0.bus`, ...) get the exact range of their text as source.
   */
  text?: string;
}

/** XENFIRMWAREDIR of an upstream build with the default prefix. */
export const DEFAULT_FIRMWARE_DIR = '/usr/local/lib/xen/boot';

/** The state shared by the build steps: xl's reader, the tree being filled, the release. */
export class DomainBuild {
  readonly c_info: LibxlObject = {};
  readonly b_info: LibxlObject = {};
  readonly config: LibxlObject;
  readonly unmodelled: string[] = [];
  readonly printer: LibxlPrinter;

  constructor(
    readonly xl: XlReader,
    readonly release: XenVersion,
    readonly host: { cpus: number; nodes: number },
    readonly build: { pygrub: boolean; firmwareDir: string },
    readonly text?: string,
  ) {
    this.config = { c_info: this.c_info, b_info: this.b_info };
    this.printer = new LibxlPrinter(release);
  }

  /** True when xl of this release reads `key` (keys arrive in a release and are never removed so far). */
  reads(key: string): boolean {
    const e = keyInfoAnyRelease(key);
    return !e || keyExistsIn(e, this.release);
  }

  atLeast(v: string): boolean {
    return compareXen(this.release, v) >= 0;
  }

  /** The union part of b_info for the guest type (`b_info.u`). */
  get u(): LibxlObject {
    let u = this.b_info.u as LibxlObject | undefined;
    if (!u) this.b_info.u = u = {};
    return u;
  }

  /** The nested object at `path` under `root`, created on the way. */
  obj(root: LibxlObject, ...path: string[]): LibxlObject {
    let o = root;
    for (const p of path) {
      let next = o[p] as LibxlObject | undefined;
      if (!next) o[p] = next = {};
      o = next;
    }
    return o;
  }

  /** libxl's case-insensitive *_from_string over an enum of this release, or undefined. */
  enumFromString(enumName: string, value: string): string | undefined {
    const t = this.printer.enumType(enumName);
    return t?.values.find(([, n]) => n.toLowerCase() === value.toLowerCase())?.[1];
  }

  /** libxl's *_to_string of a number, or undefined when the value has no name. */
  enumToString(enumName: string, value: bigint): string | undefined {
    return this.printer.enumType(enumName)?.values.find(([n]) => BigInt(n) === value)?.[1];
  }

  /**
   * Records the source of a field read from inside a spec string: `field` is the part's range
   * within the dequoted item, mapped to the document when the text is known (else the item).
   */
  specSource(path: string, key: string, item: ListItem, field: { start: number; end: number } | undefined): void {
    if (!field) return;
    const node = item.node;
    if (this.text !== undefined && node.kind === 'string') {
      this.xl.sources.set(path, { key, ...valueRangeToOffsets(this.text, node, field.start, field.end) });
    } else {
      this.xl.sources.set(path, { key, start: item.start, end: item.end });
    }
  }

  /** A string key copied into a field (xlu_cfg_replace_string). */
  stringInto(obj: LibxlObject, field: string, path: string, key: string, dontWarn = false): void {
    const v = this.xl.string(key, dontWarn);
    if (!v) return;
    obj[field] = v.value;
    this.xl.from(path, key, v);
  }

  /** A defbool key into a field (xlu_cfg_get_defbool). Returns true when the key was read. */
  defboolInto(obj: LibxlObject, field: string, path: string, key: string, dontWarn = false): boolean {
    const v = this.xl.defbool(key, dontWarn);
    if (!v) return false;
    obj[field] = v.value;
    this.xl.from(path, key, v);
    return true;
  }

  /** A long key into an integer field (the C assignment narrows it later, in the printer). */
  longInto(obj: LibxlObject, field: string, path: string, key: string, scale = 1n): void {
    const v = this.xl.long(key);
    if (!v) return;
    obj[field] = BigInt.asIntN(64, v.value * scale);
    this.xl.from(path, key, v);
  }
}

const ACTIONS: Record<string, string> = {
  destroy: 'destroy',
  restart: 'restart',
  'rename-restart': 'restart_rename',
  preserve: 'preserve',
  'coredump-destroy': 'coredump_destroy',
  'coredump-restart': 'coredump_restart',
  'soft-reset': 'soft_reset',
};

export function buildDomain(view: ConfigView, release: XenVersion, options: BuildOptions = {}): DomainModel {
  const xl = new XlReader(view, options.sourceName ?? 'xl.cfg');
  const d = new DomainBuild(xl, release, options.host ?? { cpus: 8, nodes: 1 }, {
    pygrub: options.build?.pygrub ?? true,
    firmwareDir: options.build?.firmwareDir ?? DEFAULT_FIRMWARE_DIR,
  }, options.text);
  const { c_info, b_info } = d;

  // Security labels: seclabel goes to the build when init_seclabel took the create slot.
  const init = xl.string('init_seclabel');
  if (init) {
    c_info.ssid_label = init.value;
    xl.from('c_info.ssid_label', 'init_seclabel', init);
  }
  const sec = xl.string('seclabel');
  if (sec) {
    const target = init ? 'exec_ssid_label' : 'ssid_label';
    (init ? b_info : c_info)[target] = sec.value;
    xl.from(`${init ? 'b_info' : 'c_info'}.${target}`, 'seclabel', sec);
  }

  c_info.run_hotplug_scripts = true;

  const guest = decideGuestType(xl);
  c_info.type = guest.type;
  if (guest.src) d.xl.sources.set('c_info.type', guest.src);

  d.defboolInto(c_info, 'hap', 'c_info.hap', 'hap');

  const name = xl.string('name');
  if (name) {
    c_info.name = name.value;
    xl.from('c_info.name', 'name', name);
  } else {
    xl.fail('Domain name must be specified.', 1);
  }

  const uuid = xl.string('uuid');
  if (uuid) {
    const parsed = parseUuid(uuid.value);
    if (!parsed) xl.fail(`Failed to parse UUID: ${uuid.value}`, 1, xl.at('uuid', uuid));
    else {
      c_info.uuid = parsed;
      xl.from('c_info.uuid', 'uuid', uuid);
    }
  }

  d.defboolInto(c_info, 'oos', 'c_info.oos', 'oos');
  d.stringInto(c_info, 'pool_name', 'c_info.pool_name', 'pool');

  if (d.reads('xenstore_feature_mask')) d.longInto(b_info, 'xenstore_feature_mask', 'b_info.xenstore_feature_mask', 'xenstore_feature_mask');
  if (d.reads('xenstore_quota')) buildXenstoreQuota(d);

  b_info.type = guest.type;

  if (guest.type === 'pvh') {
    const u = d.u;
    d.defboolInto(u, 'pvshim', 'b_info.u.pvshim', 'pvshim');
    d.stringInto(u, 'pvshim_path', 'b_info.u.pvshim_path', 'pvshim_path');
    d.stringInto(u, 'pvshim_cmdline', 'b_info.u.pvshim_cmdline', 'pvshim_cmdline');
    d.stringInto(u, 'pvshim_extra', 'b_info.u.pvshim_extra', 'pvshim_extra');
  }

  const sched = d.obj(b_info, 'sched_params');
  d.longInto(sched, 'weight', 'b_info.sched_params.weight', 'cpu_weight');
  d.longInto(sched, 'cap', 'b_info.sched_params.cap', 'cap');
  d.longInto(sched, 'period', 'b_info.sched_params.period', 'period');
  d.longInto(sched, 'slice', 'b_info.sched_params.slice', 'slice');
  d.longInto(sched, 'latency', 'b_info.sched_params.latency', 'latency');
  d.longInto(sched, 'extratime', 'b_info.sched_params.extratime', 'extratime');

  // memory and maxmem are MiB; libxl wants KiB. No range check: the product wraps like C's.
  d.longInto(b_info, 'target_memkb', 'b_info.target_memkb', 'memory', 1024n);
  d.longInto(b_info, 'max_memkb', 'b_info.max_memkb', 'maxmem', 1024n);

  if (d.reads('llc_colors')) buildResources.llcColors(d);

  buildVcpus(d);

  if (d.reads('vuart')) {
    const vuart = xl.string('vuart');
    if (vuart) {
      const v = d.enumFromString('vuart_type', vuart.value);
      if (!v) xl.fail(`ERROR: invalid value "${vuart.value}" for "vuart"`, 1, xl.at('vuart', vuart));
      else {
        d.obj(b_info, 'arch_arm').vuart = v;
        xl.from('b_info.arch_arm.vuart', 'vuart', vuart);
      }
    }
  }

  buildMoreDevices.vnuma(d);

  // Without maxmem the maximum is the target; without maxvcpus, the vCPU count.
  if (b_info.max_memkb === undefined && b_info.target_memkb !== undefined) {
    b_info.max_memkb = b_info.target_memkb;
    const s = xl.sources.get('b_info.target_memkb');
    if (s) xl.sources.set('b_info.max_memkb', s);
  }
  const vcpus = (b_info as { _vcpus?: bigint })._vcpus ?? 0n;
  delete (b_info as { _vcpus?: bigint })._vcpus;
  const maxv = BigInt.asIntN(32, (b_info.max_vcpus as bigint | undefined) ?? 0n);
  if (maxv === 0n) {
    b_info.max_vcpus = vcpus;
    const s = xl.sources.get('b_info.avail_vcpus');
    if (s) xl.sources.set('b_info.max_vcpus', s);
  }
  if (BigInt.asIntN(32, b_info.max_vcpus as bigint) < vcpus) {
    const mv = xl.view.setting('maxvcpus');
    xl.fail('xl: maxvcpus < vcpus', 1, mv ? xl.at('maxvcpus', mv.value) : undefined);
  }

  buildResources.affinity(d, 'cpus', true);
  buildResources.affinity(d, 'cpus_soft', false);

  for (const key of ['max_grant_frames', 'max_maptrack_frames', 'max_grant_version']) {
    if (!d.reads(key)) continue;
    const v = xl.long(key, true);
    if (v) {
      if (v.value < 0n || v.value > 2147483647n) xl.fail('', 1, xl.at(key, v));
      else {
        b_info[key] = v.value;
        xl.from(`b_info.${key}`, key, v);
      }
    } else if (view.has(key)) {
      // The bounded reader failed (not a number, a list, +=): xl exits without a word.
      const s = view.setting(key)!;
      xl.fail('', 1, xl.at(key, s.value));
    }
  }

  b_info.claim_mode = true;

  const actions: Array<[string, string]> = [
    ['on_poweroff', 'destroy'],
    ['on_reboot', 'restart'],
    ['on_watchdog', 'destroy'],
    ['on_crash', 'destroy'],
    ['on_soft_reset', 'soft-reset'],
  ];
  for (const [key, dflt] of actions) {
    const v = xl.string(key);
    const text = v?.value ?? dflt;
    const action = ACTIONS[text];
    if (!action) {
      xl.fail(`Unknown ${key} action "${text}" specified`, 1, v ? xl.at(key, v) : undefined);
      continue;
    }
    d.config[key] = action;
    xl.from(key, key, v);
  }

  // From 4.17 the PCI defaults, e820_host and rdm are read before the pci list, so they
  // apply to it. Up to 4.16 xl read them after the framebuffers, when the list was built
  // (build-devices.ts): pci_permissive & co. and rdm's policy never reached the devices.
  if (d.atLeast('4.17')) {
    const pciFlags = readPciDefaults(d);
    buildDevices.rdm(d);
    buildDevices.pci(d, pciFlags);
  } else {
    buildDevices.pci(d, {});
  }
  buildResources.dtdev(d);

  const pt = xl.string('passthrough');
  if (pt) {
    const v = d.enumFromString('passthrough', pt.value);
    if (!v) xl.fail(`ERROR: unknown passthrough option '${pt.value}'`, 1, xl.at('passthrough', pt));
    else {
      c_info.passthrough = v;
      xl.from('c_info.passthrough', 'passthrough', pt);
    }
  }

  d.longInto(b_info, 'shadow_memkb', 'b_info.shadow_memkb', 'shadow_memory', 1024n);
  d.defboolInto(b_info, 'disable_migrate', 'b_info.disable_migrate', 'nomigrate');

  buildTscMode(d);

  d.longInto(b_info, 'rtc_timeoffset', 'b_info.rtc_timeoffset', 'rtc_timeoffset');
  const viewer = xl.long('vncviewer');
  if (viewer) {
    xl.say(
      'WARNING: ignoring "vncviewer" option. Use "-V" option of "xl create" to automatically spawn vncviewer.',
      xl.at('vncviewer', viewer),
    );
  }
  d.defboolInto(b_info, 'localtime', 'b_info.localtime', 'localtime');
  d.longInto(b_info, 'video_memkb', 'b_info.video_memkb', 'videoram', 1024n);
  d.longInto(b_info, 'event_channels', 'b_info.event_channels', 'max_event_channels');

  d.stringInto(b_info, 'kernel', 'b_info.kernel', 'kernel');
  d.stringInto(b_info, 'ramdisk', 'b_info.ramdisk', 'ramdisk');
  d.stringInto(b_info, 'device_tree', 'b_info.device_tree', 'device_tree');
  buildCmdline(d);

  d.defboolInto(c_info, 'driver_domain', 'c_info.driver_domain', 'driver_domain');
  d.defboolInto(b_info, 'acpi', 'b_info.acpi', 'acpi');

  d.stringInto(b_info, 'bootloader', 'b_info.bootloader', 'bootloader');
  if (d.atLeast('4.18') && !d.build.pygrub && (b_info.bootloader === 'pygrub' || b_info.bootloader === '/usr/bin/pygrub')) {
    const s = view.setting('bootloader')!;
    xl.fail('ERROR: this instance of Xen has been built without support of "pygrub".', 3, xl.at('bootloader', s.value));
  }
  if (d.reads('bootloader_restrict')) {
    d.defboolInto(b_info, 'bootloader_restrict', 'b_info.bootloader_restrict', 'bootloader_restrict');
    d.stringInto(b_info, 'bootloader_user', 'b_info.bootloader_user', 'bootloader_user');
  }
  buildBootloaderArgs(d);

  buildTimerMode(d);
  d.defboolInto(b_info, 'nested_hvm', 'b_info.nested_hvm', 'nestedhvm');

  if (guest.type === 'hvm') buildHvm.firmwareAndPlatform(d);
  else buildPvKernel(d);

  buildAltp2m(d);
  if (d.reads('vmtrace_buf_kb')) {
    const v = xl.long('vmtrace_buf_kb', true);
    if (v && v.value !== 0n) {
      b_info.vmtrace_buf_kb = v.value;
      xl.from('b_info.vmtrace_buf_kb', 'vmtrace_buf_kb', v);
    }
  }

  buildResources.ioports(d);
  buildResources.irqs(d);
  buildResources.iomem(d);

  buildDevices.afterResources(d);

  buildCpuid(d);
  buildDeviceModel(d);
  buildHvm.display(d);
  buildArm(d);
  buildDevices.late(d);

  if (d.reads('xend_suspend_evtchn_compat')) {
    d.defboolInto(c_info, 'xend_suspend_evtchn_compat', 'c_info.xend_suspend_evtchn_compat', 'xend_suspend_evtchn_compat');
  }
  if (d.reads('msr_relaxed') && d.defboolInto(d.obj(b_info, 'arch_x86'), 'msr_relaxed', 'b_info.arch_x86.msr_relaxed', 'msr_relaxed')) {
    xl.say(
      'WARNING: msr_relaxed will be removed in future versions.\nIf it fixes an issue you are having please report to xen-devel@lists.xenproject.org.',
    );
  }
  if (d.reads('vpmu')) d.defboolInto(b_info, 'vpmu', 'b_info.vpmu', 'vpmu');

  // create_domain then narrows hard affinity to xl.conf's vm*.cpumask (all CPUs by default).
  buildResources.applyGlobalAffinityMasks(d);

  return {
    release,
    guestType: guest,
    config: d.config,
    sources: xl.sources,
    keysRead: xl.keysRead,
    messages: xl.messages,
    exit: xl.exit,
    unmodelled: d.unmodelled,
  };
}

/** pci_msitranslate, pci_power_mgmt, pci_permissive, pci_seize, and (PV) e820_host. */
export function readPciDefaults(d: DomainBuild): Record<string, bigint> {
  const { xl } = d;
  const flags: Record<string, bigint> = {};
  if (d.atLeast('4.17') && d.c_info.type === 'pv') d.defboolInto(d.u, 'e820_host', 'b_info.u.e820_host', 'e820_host');
  for (const key of ['pci_msitranslate', 'pci_power_mgmt', 'pci_permissive', 'pci_seize']) {
    const v = xl.long(key);
    if (v) flags[key] = BigInt.asIntN(32, v.value);
  }
  if (!d.atLeast('4.17') && d.c_info.type === 'pv') d.defboolInto(d.u, 'e820_host', 'b_info.u.e820_host', 'e820_host');
  return flags;
}

function buildXenstoreQuota(d: DomainBuild): void {
  const r = d.xl.list('xenstore_quota');
  if (r.status !== 'ok') return;
  const quota: LibxlObject[] = [];
  r.list.items.forEach((it, i) => {
    if (it.value === null) {
      d.xl.fail(`xl: Can't get element ${i} in Xenstore quota list`, 1, d.xl.at('xenstore_quota', it));
      return;
    }
    const eq = it.value.indexOf('=');
    if (eq < 0) {
      d.xl.fail(`Quota specification "${it.value}" lacks "=".`, 1, d.xl.at('xenstore_quota', it));
      return;
    }
    const num = strtoulWhole(it.value.slice(eq + 1), 0);
    if (num === undefined || num > 0xffffffffn) {
      d.xl.fail(
        `Quota specification "${it.value}" uses illegal value "${it.value.slice(eq + 1)}".`,
        1,
        d.xl.at('xenstore_quota', it),
      );
      return;
    }
    quota.push({ name: it.value.slice(0, eq), val: num });
  });
  d.obj(d.b_info, 'xenstore_quota').quota = quota;
}

function buildVcpus(d: DomainBuild): void {
  const { xl, b_info } = d;
  const v = xl.long('vcpus');
  let vcpus = 0n;
  if (d.atLeast('4.22')) {
    // 4.22: a missing or non-positive vcpus means one vCPU.
    if (v) vcpus = v.value;
    if (vcpus < 1n) vcpus = 1n;
    b_info.avail_vcpus = range(vcpus);
  } else if (v) {
    // Up to 4.21 only a given vcpus fills the online map, sized by the value as a C int:
    // a negative size makes libxl refuse it and xl stop.
    vcpus = v.value;
    if (BigInt.asIntN(32, vcpus) < 0n) {
      const line = LIBXL_CPU_BITMAP_ALLOC_LINE[d.release] ?? 812;
      xl.say(`libxl: error: libxl_utils.c:${line}:libxl_cpu_bitmap_alloc: invalid number of cpus provided`, xl.at('vcpus', v));
      xl.fail('Unable to allocate cpumap', 1, xl.at('vcpus', v));
      return;
    }
    b_info.avail_vcpus = range(vcpus);
  }
  xl.from('b_info.avail_vcpus', 'vcpus', v);
  (b_info as { _vcpus?: bigint })._vcpus = vcpus;
  const maxv = xl.long('maxvcpus');
  if (maxv) {
    b_info.max_vcpus = BigInt.asIntN(32, maxv.value);
    xl.from('b_info.max_vcpus', 'maxvcpus', maxv);
  }
}

/** Where libxl_cpu_bitmap_alloc logs its refusal, per release (its message names the line). */
const LIBXL_CPU_BITMAP_ALLOC_LINE: Record<string, number> = {
  '4.13': 814, '4.14': 814, '4.15': 814, '4.16': 814, '4.17': 809, '4.18': 809, '4.19': 811, '4.20': 811, '4.21': 812, '4.22': 812,
};

function range(n: bigint): bigint[] {
  const out: bigint[] = [];
  // A bitmap of more bits than a host could have is not worth materialising exactly.
  const limit = n > 65536n ? 65536n : n;
  for (let i = 0n; i < limit; i++) out.push(i);
  return out;
}

function buildTscMode(d: DomainBuild): void {
  const { xl, b_info } = d;
  const asLong = xl.long('tsc_mode', true);
  if (asLong) {
    const name = d.enumToString('tsc_mode', asLong.value);
    xl.say(
      'WARNING: specifying "tsc_mode" as an integer is deprecated. Please use the named parameter variant. ' +
        (name ? `e.g. tsc_mode="${name}"` : ''),
      xl.at('tsc_mode', asLong),
    );
    if (asLong.value < 0n || asLong.value > 3n) {
      xl.fail(`ERROR: invalid value ${asLong.value} for "tsc_mode"`, 1, xl.at('tsc_mode', asLong));
      return;
    }
    b_info.tsc_mode = Number(asLong.value);
    xl.from('b_info.tsc_mode', 'tsc_mode', asLong);
    return;
  }
  const s = xl.string('tsc_mode');
  if (!s) return;
  if (!d.atLeast('4.19')) xl.say(`got a tsc mode string: "${s.value}"`, xl.at('tsc_mode', s));
  const v = d.enumFromString('tsc_mode', s.value);
  if (!v) {
    xl.fail(`ERROR: invalid value "${s.value}" for "tsc_mode"`, 1, xl.at('tsc_mode', s));
    return;
  }
  b_info.tsc_mode = v;
  xl.from('b_info.tsc_mode', 'tsc_mode', s);
}

function buildCmdline(d: DomainBuild): void {
  const { xl, b_info } = d;
  const cmdline = xl.string('cmdline');
  const root = xl.string('root');
  const extra = xl.string('extra');
  if (cmdline) {
    b_info.cmdline = cmdline.value;
    xl.from('b_info.cmdline', 'cmdline', cmdline);
    if (root || extra) xl.say('Warning: ignoring root= and extra= in favour of cmdline=', xl.at('cmdline', cmdline));
  } else if (root && extra) {
    b_info.cmdline = `root=${root.value} ${extra.value}`;
    // Two keys make it; the range is root's (extra's is recorded as b_info.cmdline#extra).
    xl.from('b_info.cmdline', 'root', root);
    xl.from('b_info.cmdline#extra', 'extra', extra);
  } else if (root) {
    b_info.cmdline = `root=${root.value}`;
    xl.from('b_info.cmdline', 'root', root);
  } else if (extra) {
    b_info.cmdline = extra.value;
    xl.from('b_info.cmdline', 'extra', extra);
  }
}

function buildBootloaderArgs(d: DomainBuild): void {
  const { xl, b_info } = d;
  const r = xl.stringList('bootloader_args', true);
  if (r.status === 'ok') {
    b_info.bootloader_args = r.items.map((i) => i.value as string);
    xl.from('b_info.bootloader_args', 'bootloader_args', r.list);
  } else if (r.status === 'scalar') {
    const s = xl.string('bootloader_args');
    if (s) {
      xl.say('WARNING: Specifying "bootloader_args" as a string is deprecated. Please use a list of arguments.', xl.at('bootloader_args', s));
      const words = splitWords(s.value, ' \t\n');
      if (!words) return xl.crash(xl.at('bootloader_args', s));
      b_info.bootloader_args = words;
      xl.from('b_info.bootloader_args', 'bootloader_args', s);
    }
  }
}

/**
 * xl's split_string_into_string_list: split on any delimiter, dropping empty pieces. null when
 * there is no piece at all: xl then duplicates a NULL pointer and crashes.
 */
export function splitWords(s: string, delims: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  for (const c of s) {
    if (delims.includes(c)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out.length ? out : null;
}

function buildTimerMode(d: DomainBuild): void {
  const { xl, b_info } = d;
  const pvRefused = 'ERROR: "timer_mode" option is not supported for PV guests.';
  const asLong = xl.long('timer_mode', true);
  if (asLong) {
    if (b_info.type === 'pv') return xl.fail(pvRefused, 3, xl.at('timer_mode', asLong));
    const name = d.enumToString('timer_mode', asLong.value);
    xl.say(
      'WARNING: specifying "timer_mode" as an integer is deprecated. Please use the named parameter variant. ' +
        (name ? `e.g. timer_mode="${name}"` : ''),
      xl.at('timer_mode', asLong),
    );
    if (asLong.value < 0n || asLong.value > 3n) {
      return xl.fail(`ERROR: invalid value ${asLong.value} for "timer_mode"`, 1, xl.at('timer_mode', asLong));
    }
    b_info.timer_mode = Number(asLong.value);
    xl.from('b_info.timer_mode', 'timer_mode', asLong);
    return;
  }
  const s = xl.string('timer_mode');
  if (!s) return;
  if (b_info.type === 'pv') return xl.fail(pvRefused, 3, xl.at('timer_mode', s));
  const v = d.enumFromString('timer_mode', s.value);
  if (!v) return xl.fail(`ERROR: invalid value "${s.value}" for "timer_mode"`, 1, xl.at('timer_mode', s));
  b_info.timer_mode = v;
  xl.from('b_info.timer_mode', 'timer_mode', s);
}

function buildPvKernel(d: DomainBuild): void {
  const { xl, b_info } = d;
  const fw = xl.string('firmware');
  if (fw) {
    if (b_info.kernel !== undefined) return xl.fail('ERROR: both kernel and firmware specified', 1, xl.at('firmware', fw));
    if (!'pvgrub32'.startsWith(fw.value) && !'pvgrub64'.startsWith(fw.value)) {
      return xl.fail('ERROR: only pvgrub{32|64} supported as firmware options', 1, xl.at('firmware', fw));
    }
    // XENFIRMWAREDIR is a build-time path (BuildOptions.build.firmwareDir).
    b_info.kernel = `${d.build.firmwareDir}/${fw.value}.bin`;
    xl.from('b_info.kernel', 'firmware', fw);
  }
  if (b_info.bootloader === undefined && b_info.kernel === undefined) {
    xl.fail('Neither kernel nor bootloader specified', 1);
  }
}

function buildAltp2m(d: DomainBuild): void {
  const { xl, b_info } = d;
  const asLong = xl.long('altp2m', true);
  if (asLong) {
    if (asLong.value < 0n || asLong.value > 3n) {
      return xl.fail(`ERROR: invalid value ${asLong.value} for "altp2m"`, 1, xl.at('altp2m', asLong));
    }
    b_info.altp2m = Number(asLong.value);
    xl.from('b_info.altp2m', 'altp2m', asLong);
  } else {
    const s = xl.string('altp2m');
    if (s) {
      const v = d.enumFromString('altp2m_mode', s.value);
      if (!v) return xl.fail(`ERROR: invalid value "${s.value}" for "altp2m"`, 1, xl.at('altp2m', s));
      b_info.altp2m = v;
      xl.from('b_info.altp2m', 'altp2m', s);
    }
  }
  if (d.reads('altp2m_count')) {
    const c = xl.long('altp2m_count', true);
    if (c) {
      if (c.value !== BigInt.asUintN(16, c.value)) {
        return xl.fail(`ERROR: invalid value ${c.value} for "altp2m_count"`, 1, xl.at('altp2m_count', c));
      }
      b_info.altp2m_count = c.value;
      xl.from('b_info.altp2m_count', 'altp2m_count', c);
    }
  }
}

function buildDeviceModel(d: DomainBuild): void {
  const { xl, b_info, c_info } = d;
  const dm = xl.string('device_model');
  if (dm) {
    xl.say(
      'WARNING: ignoring device_model directive.\nWARNING: Use "device_model_override" instead if you really want a non-default device_model',
      xl.at('device_model', dm),
    );
    if (dm.value.includes('stubdom-dm')) {
      xl.say(
        c_info.type === 'hvm'
          ? 'WARNING: Or use "device_model_stubdomain_override" if you  want to enable stubdomains'
          : 'WARNING: ignoring "device_model_stubdomain_override" directive for pv guest',
        xl.at('device_model', dm),
      );
    }
  }
  d.stringInto(b_info, 'device_model', 'b_info.device_model', 'device_model_override');
  const ver = xl.string('device_model_version');
  if (ver) {
    const known: Record<string, string> = { 'qemu-xen': 'qemu_xen' };
    // qemu-xen-traditional was refused from 4.21 on.
    if (!d.atLeast('4.21')) known['qemu-xen-traditional'] = 'qemu_xen_traditional';
    const v = known[ver.value];
    if (!v) xl.fail(`Unknown device_model_version "${ver.value}" specified`, 1, xl.at('device_model_version', ver));
    else {
      b_info.device_model_version = v;
      xl.from('b_info.device_model_version', 'device_model_version', ver);
    }
  } else if (b_info.device_model !== undefined) {
    xl.say('WARNING: device model override given without specific DM version');
  }
  d.defboolInto(b_info, 'device_model_stubdomain', 'b_info.device_model_stubdomain', 'device_model_stubdomain_override');
  d.stringInto(b_info, 'device_model_ssid_label', 'b_info.device_model_ssid_label', 'device_model_stubdomain_seclabel');
  d.stringInto(b_info, 'device_model_user', 'b_info.device_model_user', 'device_model_user');
  if (d.reads('stubdomain_kernel')) {
    d.stringInto(b_info, 'stubdomain_kernel', 'b_info.stubdomain_kernel', 'stubdomain_kernel');
    if (d.reads('stubdomain_cmdline')) d.stringInto(b_info, 'stubdomain_cmdline', 'b_info.stubdomain_cmdline', 'stubdomain_cmdline');
    d.stringInto(b_info, 'stubdomain_ramdisk', 'b_info.stubdomain_ramdisk', 'stubdomain_ramdisk');
    d.longInto(b_info, 'stubdomain_memkb', 'b_info.stubdomain_memkb', 'stubdomain_memory', 1024n);
  }
  for (const [suffix, field] of [
    ['', 'extra'],
    ['_pv', 'extra_pv'],
    ['_hvm', 'extra_hvm'],
  ]) {
    const key = `device_model_args${suffix}`;
    const r = xl.stringList(key);
    if (r.status === 'ok') {
      b_info[field] = r.items.map((i) => i.value as string);
      xl.from(`b_info.${field}`, key, r.list);
    } else if (r.status === 'scalar') {
      const s = xl.view.setting(key)!;
      xl.fail(`xl: Unable to parse ${key}.`, 3, xl.at(key, s.value));
    }
  }
}

function buildArm(d: DomainBuild): void {
  const { xl, b_info } = d;
  const arm = d.obj(b_info, 'arch_arm');
  const gic = xl.string('gic_version', true);
  if (gic) {
    const v = d.enumFromString('gic_version', gic.value);
    if (!v) return xl.fail(`Unknown gic_version "${gic.value}" specified`, 3, xl.at('gic_version', gic));
    arm.gic_version = v;
    xl.from('b_info.arch_arm.gic_version', 'gic_version', gic);
  }
  const tee = xl.string('tee', true);
  if (tee) {
    const v = d.enumFromString('tee_type', tee.value);
    if (!v) return xl.fail(`Unknown tee "${tee.value}" specified`, 3, xl.at('tee', tee));
    b_info.tee = v;
    xl.from('b_info.tee', 'tee', tee);
  }
  if (d.reads('sve')) {
    const sve = xl.string('sve', true);
    if (sve) {
      const v = d.enumFromString('sve_type', sve.value);
      if (!v) return xl.fail(`Unknown sve "${sve.value}" specified`, 1, xl.at('sve', sve));
      arm.sve_vl = v;
      xl.from('b_info.arch_arm.sve_vl', 'sve', sve);
    }
  }
  if (d.reads('nr_spis')) d.longInto(arm, 'nr_spis', 'b_info.arch_arm.nr_spis', 'nr_spis');
  if (d.reads('trap_unmapped_accesses')) {
    d.defboolInto(b_info, 'trap_unmapped_accesses', 'b_info.trap_unmapped_accesses', 'trap_unmapped_accesses');
  }
  if (d.reads('arm_sci')) {
    const sci = xl.string('arm_sci', true);
    if (sci) {
      for (const part of sci.value.split(',').filter((p) => p)) {
        if (!part.startsWith('type=')) continue;
        const v = d.enumFromString('arm_sci_type', part.slice(5));
        if (!v) return xl.fail(`Unknown ARM_SCI type: ${part.slice(5)}`, 1, xl.at('arm_sci', sci));
        d.obj(arm, 'arm_sci').type = v;
        xl.from('b_info.arch_arm.arm_sci.type', 'arm_sci', sci);
      }
    }
  }
}

/** libxl_uuid_from_string: 8-4-4-4-12 hex digits; printed back in lower case. */
function parseUuid(s: string): string | undefined {
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s)) return undefined;
  return s.toLowerCase();
}

/** C strtoul(s, &end, base) requiring the whole (non-empty) string, or undefined. */
export function strtoulWhole(s: string, base: 0 | 10 | 16): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(.*)$/s.exec(s)!;
  let body = m[2];
  let b: number = base;
  if ((b === 0 || b === 16) && /^0[xX][0-9a-fA-F]/.test(body)) {
    body = body.slice(2);
    b = 16;
  } else if (b === 0) b = body.startsWith('0') ? 8 : 10;
  const digits = b === 16 ? /^[0-9a-fA-F]+$/ : b === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  let v = BigInt(b === 16 ? '0x' + body : b === 8 ? '0o' + body : body);
  if (v > 0xffffffffffffffffn) v = 0xffffffffffffffffn;
  return m[1] === '-' ? BigInt.asUintN(64, -v) : v;
}
