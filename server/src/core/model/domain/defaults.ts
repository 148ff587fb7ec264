// libxl's defaulting pass (libxl__domain_config_setdefault → *_create_info_setdefault,
// the passthrough and paging-memory defaults, *_build_info_setdefault and its x86 part), applied
// to the configuration xl built, in libxl's order, so a user can see what libxl will use.
// Up to 4.20 an HVM guest with a stub domain defaulted to qemu-xen-traditional (with rombios
// and that device model's video RAM rules); 4.21 removed it. Otherwise 4.17 through 4.22 agree
// on the fields below; fields a release does not have are not printed for it.
//
// Host facts libxl asks the hypervisor for are assumed, as on a current x86 server: HAP is
// available, the IOMMU is on and can share HAP page tables, grant tables v1 and v2 exist, and
// the qemu-xen device model is installed. Defaults that only check (and fail) are not modelled.

import { compareXen, type XenVersion } from '../../xen-version';
import { DEFAULT_FIRMWARE_DIR } from './build-domain';
import type { LibxlObject, LibxlValue } from './libxl-json';

export const ASSUMED_HOST = { hap: true, iommu: true, iommuHapPtShare: true, gnttabV2: true, qemuXen: true } as const;

const MEMKB_DEFAULT = 0xffffffffffffffffn;
const U64 = (n: bigint) => BigInt.asUintN(64, n);

function setdefault(o: LibxlObject, k: string, v: boolean): void {
  if (typeof o[k] !== 'boolean') o[k] = v;
}

function obj(o: LibxlObject, k: string): LibxlObject {
  if (!o[k] || typeof o[k] !== 'object' || Array.isArray(o[k])) o[k] = {};
  return o[k] as LibxlObject;
}

function memkb(v: LibxlValue): bigint {
  return typeof v === 'bigint' ? v : MEMKB_DEFAULT;
}

/** 4 KiB per page: 256 pages per vCPU, plus one per MiB of RAM for the p2m (non-PV) and one for shadow paging. */
export function requiredPagingMemoryKiB(maxmemKiB: bigint, vcpus: bigint, type: string, hap: boolean): bigint {
  const perMiB = BigInt((type !== 'pv' ? 1 : 0) + (hap ? 0 : 1));
  return U64(4n * (256n * BigInt.asUintN(32, vcpus) + perMiB * (maxmemKiB / 1024n)));
}

export function applyLibxlDefaults(config: LibxlObject, release: XenVersion): LibxlObject {
  const traditionalExists = compareXen(release, '4.21') < 0;
  const c = obj(config, 'c_info');
  const b = obj(config, 'b_info');
  const type = String(c.type ?? 'pv');
  const u = obj(b, 'u');

  // Create info.
  if (type !== 'pv') {
    setdefault(c, 'hap', ASSUMED_HOST.hap);
    setdefault(c, 'oos', true);
  }
  setdefault(c, 'run_hotplug_scripts', true);
  setdefault(c, 'driver_domain', false);
  setdefault(c, 'xend_suspend_evtchn_compat', false);

  // Passthrough: on when devices are assigned; shared page tables when HAP allows it (x86).
  const needPt = (Array.isArray(config.pcidevs) && config.pcidevs.length > 0) || (Array.isArray(config.dtdevs) && config.dtdevs.length > 0);
  if (c.passthrough === undefined || c.passthrough === 'default') c.passthrough = needPt ? 'enabled' : 'disabled';
  if (c.passthrough === 'enabled') {
    const share = type !== 'pv' && ASSUMED_HOST.iommuHapPtShare && c.hap === true;
    c.passthrough = share ? 'share_pt' : 'sync_pt';
  }

  // Paging (shadow / p2m) memory, computed before max_memkb and max_vcpus get their defaults.
  if (b.shadow_memkb === undefined) {
    const hap = type !== 'pv' && c.hap === true;
    b.shadow_memkb = requiredPagingMemoryKiB(memkb(b.max_memkb), (b.max_vcpus as bigint | undefined) ?? 0n, type, hap);
  }
  if (b.iommu_memkb === undefined) b.iommu_memkb = c.passthrough === 'sync_pt' ? requiredIommuMemoryKiB(memkb(b.max_memkb)) : 0n;

  // Build info.
  setdefault(b, 'device_model_stubdomain', false);
  setdefault(b, 'vpmu', false);
  if (b.device_model_version === undefined) {
    const stubdomTraditional = traditionalExists && type === 'hvm' && b.device_model_stubdomain === true;
    b.device_model_version = stubdomTraditional ? 'qemu_xen_traditional' : ASSUMED_HOST.qemuXen ? 'qemu_xen' : traditionalExists ? 'qemu_xen_traditional' : 'unknown';
  }
  const traditional = b.device_model_version === 'qemu_xen_traditional';
  if (b.blkdev_start === undefined) b.blkdev_start = 'xvda';
  if (type === 'hvm' && u.bios === undefined) u.bios = traditional ? 'rombios' : 'seabios';
  if (!b.max_vcpus) b.max_vcpus = 1n;
  if (!Array.isArray(b.avail_vcpus) || b.avail_vcpus.length === 0) b.avail_vcpus = [0n];
  setdefault(b, 'numa_placement', true);
  if (memkb(b.max_memkb) === MEMKB_DEFAULT) b.max_memkb = 32n * 1024n;
  if (memkb(b.target_memkb) === MEMKB_DEFAULT) b.target_memkb = b.max_memkb;
  // A Linux stub domain (qemu-xen) gets 128 MiB, a MiniOS one (qemu-xen-traditional) 28 MiB.
  if (b.stubdomain_memkb === undefined) b.stubdomain_memkb = b.device_model_stubdomain === true ? (traditional ? 28n : 128n) * 1024n : 0n;
  setdefault(b, 'claim_mode', false);
  setdefault(b, 'localtime', false);
  setdefault(b, 'disable_migrate', false);
  if (Array.isArray(b.iomem)) for (const r of b.iomem as LibxlObject[]) if (r.gfn === undefined) r.gfn = r.start;
  if (!b.event_channels) b.event_channels = 1023n;

  // x86 part.
  setdefault(b, 'acpi', true);
  setdefault(obj(b, 'arch_x86'), 'msr_relaxed', false);
  setdefault(b, 'trap_unmapped_accesses', false);
  if (type === 'hvm') {
    setdefault(u, 'altp2m', false);
    if ((b.altp2m === undefined || b.altp2m === 'disabled') && u.altp2m === true) b.altp2m = 'mixed';
  }
  setdefault(b, 'dm_restrict', false);

  if (type === 'hvm') {
    if (u.mmio_hole_memkb === undefined) u.mmio_hole_memkb = 0n;
    const vga = obj(u, 'vga');
    if (vga.kind === undefined || vga.kind === 'unknown') vga.kind = 'cirrus';
    if (u.hdtype === undefined) u.hdtype = 'ide';
    if (memkb(b.video_memkb) === MEMKB_DEFAULT) {
      const mib: Record<string, bigint> = traditional ? { none: 0n, std: 8n, cirrus: 4n } : { none: 0n, qxl: 128n, std: 16n, cirrus: 8n };
      b.video_memkb = (mib[String(vga.kind)] ?? 8n) * 1024n;
    }
    for (const [k, v] of [
      ['pae', true], ['acpi', true], ['acpi_s3', true], ['acpi_s4', true], ['acpi_laptop_slate', false], ['nx', true],
      ['viridian', false], ['hpet', true], ['vpt_align', true], ['usb', false], ['vkb_device', true],
      ['xen_platform_pci', true], ['xen_platform_pci_bar_uc', true], ['pirq', false],
    ] as Array<[string, boolean]>) {
      setdefault(u, k, v);
    }
    const spice = obj(u, 'spice');
    setdefault(spice, 'enable', false);
    if (spice.enable === false && typeof spice.usbredirection === 'bigint' && spice.usbredirection > 0n) spice.usbredirection = 0n;
    if (!u.usbversion && typeof spice.usbredirection === 'bigint' && spice.usbredirection > 0n) u.usbversion = 2n;
    if (u.boot === undefined) u.boot = 'cda';
    const vnc = obj(u, 'vnc');
    setdefault(vnc, 'enable', true);
    if (vnc.enable === true) {
      setdefault(vnc, 'findunused', true);
      if (vnc.listen === undefined) vnc.listen = '127.0.0.1';
    }
    const sdl = obj(u, 'sdl');
    setdefault(sdl, 'enable', false);
    if (sdl.enable === true) setdefault(sdl, 'opengl', false);
    if (spice.enable === true) {
      setdefault(spice, 'disable_ticketing', false);
      setdefault(spice, 'agent_mouse', true);
      setdefault(spice, 'vdagent', false);
      setdefault(spice, 'clipboard_sharing', false);
    }
    setdefault(u, 'nographic', false);
    setdefault(u, 'gfx_passthru', false);
    // libxl__rdm_setdefault: strategy stays; the policy defaults to relaxed.
    const rdm = obj(u, 'rdm');
    if (rdm.policy === undefined || rdm.policy === 'invalid') rdm.policy = 'relaxed';
    if (u.rdm_mem_boundary_memkb === undefined) u.rdm_mem_boundary_memkb = 2048n * 1024n;
  } else if (type === 'pv') {
    setdefault(u, 'e820_host', false);
    if (memkb(b.video_memkb) === MEMKB_DEFAULT) b.video_memkb = 0n;
    if (u.slack_memkb === undefined) u.slack_memkb = 0n;
  } else {
    setdefault(u, 'pvshim', false);
    if (memkb(b.video_memkb) === MEMKB_DEFAULT) b.video_memkb = 0n;
    if (u.pvshim === true) {
      if (u.pvshim_path === undefined) u.pvshim_path = `${DEFAULT_FIRMWARE_DIR}/xen-shim`;
      if (u.pvshim_cmdline === undefined) u.pvshim_cmdline = 'pv-shim console=xen,pv';
    }
  }
  if (type !== 'pv') {
    if (b.timer_mode === undefined || b.timer_mode === 'unknown' || b.timer_mode === -1) b.timer_mode = 'no_delay_for_missed_ticks';
    setdefault(b, 'apic', true);
    setdefault(b, 'nested_hvm', false);
  }
  if (b.max_grant_version === undefined) b.max_grant_version = ASSUMED_HOST.gnttabV2 ? 2n : 1n;
  if (b.altp2m_count === undefined) {
    const on = type === 'hvm' && (u.altp2m === true || (b.altp2m !== undefined && b.altp2m !== 'disabled' && b.altp2m !== 0));
    b.altp2m_count = on ? 10n : 0n;
  }
  setdefault(b, 'bootloader_restrict', b.bootloader_user !== undefined);
  return config;
}

/** libxl's IOMMU page-table reservation: a 4-level table over the guest's pages. */
export function requiredIommuMemoryKiB(maxmemKiB: bigint): bigint {
  let pages = maxmemKiB / 4n;
  let total = 0n;
  for (let level = 0; level < 4; level++) {
    pages = (pages + 511n) / 512n;
    total += pages;
  }
  return total * 4n;
}
