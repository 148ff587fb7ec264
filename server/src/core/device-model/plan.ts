// The device-model plan: a pure function of the config and the Xen release that says what
// xl/libxl will run — guest type, which QEMU and where, which firmware, which disks and NICs
// the guest sees emulated and as PV, and what the PV drivers' unplug request removes.
// It follows xl_parse.c and libxl_create.c (`libxl__domain_build_info_setdefault`) and
// libxl_dm.c (`libxl__build_device_model_args_new`) of each release, as summarised in
// `../shared/reference/device-model-and-firmware.md`.

import type { RuleContext } from '../rules/context';
import type { ConfigView } from '../model/config-view';
import { xenAtLeast, type XenVersion } from '../xen-version';
import { assumedQemu, type AssumedQemu } from './qemu-releases';
import { readDiskEntries, type DiskEntry } from './disk-entries';
import { guestTypeOf } from './guest-type';
import type {
  Decision, DeviceModelOutcome, DeviceModelPlan, FirmwareKind, PciEntry, PlannedDisk, PlannedNic,
} from './plan-types';

export type * from './plan-types';

/** The plan for this analysis run, computed once and shared by rules and hovers. */
export function deviceModelPlanOf(ctx: RuleContext): DeviceModelPlan {
  return ctx.memo('device-model/plan', (c) => buildDeviceModelPlan(c.view, c.xenVersion, c.env.qemuVersion));
}

const at = (l: { start: number; end: number }) => ({ start: l.start, end: l.end });

/** Accepted `device_model_version` values: xl compares with strcmp, so spelling is exact. */
export function acceptedDeviceModelVersions(xen: XenVersion): string[] {
  return xenAtLeast(xen, '4.21') ? ['qemu-xen'] : ['qemu-xen', 'qemu-xen-traditional'];
}

export function buildDeviceModelPlan(view: ConfigView, xen: XenVersion, qemuSetting?: string): DeviceModelPlan {
  const gt = guestTypeOf(view);
  const guestType: Decision<typeof gt.value> = { value: gt.value, reason: gt.reason, source: gt.source };
  const hvm = gt.value === 'hvm';
  const qemu: AssumedQemu = assumedQemu(xen, qemuSetting);

  // --- stub domain -------------------------------------------------------------------------
  const stubKey = view.defbool('device_model_stubdomain_override');
  const stubdomainRequested = stubKey
    ? { value: stubKey.value, reason: `device_model_stubdomain_override = ${view.string('device_model_stubdomain_override')?.value ?? ''}`, source: at(stubKey) }
    : undefined;
  const stubOn = stubKey?.value === true;

  // --- device model version ----------------------------------------------------------------
  const verKey = view.string('device_model_version');
  const accepted = acceptedDeviceModelVersions(xen);
  const versionSetting = verKey ? { value: verKey.value, range: at(verKey), accepted: accepted.includes(verKey.value) } : undefined;
  let deviceModel: Decision<DeviceModelOutcome>;
  let mayFallBackToTraditional = false;
  if (versionSetting) {
    deviceModel = versionSetting.accepted
      ? { value: versionSetting.value as DeviceModelOutcome, reason: `device_model_version = "${versionSetting.value}"`, source: versionSetting.range }
      : { value: 'refused', reason: `xl ${xen} refuses device_model_version = "${versionSetting.value}"`, source: versionSetting.range };
  } else if (!xenAtLeast(xen, '4.21')) {
    if (hvm && stubOn) {
      deviceModel = {
        value: 'qemu-xen-traditional',
        reason: `no device_model_version: libxl ${xen} picks qemu-xen-traditional for a stub domain`,
        source: stubdomainRequested?.source,
      };
    } else if (!hvm && stubOn) {
      // libxl looks for the dom0 binary, gets a NULL path because a stub domain was asked
      // for, and access(NULL) fails with EFAULT, which is not the ENOENT it falls back on.
      deviceModel = {
        value: 'unknown',
        reason: `no device_model_version and device_model_stubdomain_override = 1: libxl ${xen} fails with "qemu-xen access error: Bad address"`,
        source: stubdomainRequested?.source,
      };
    } else {
      deviceModel = { value: 'qemu-xen', reason: `no device_model_version: libxl ${xen} defaults to qemu-xen` };
      mayFallBackToTraditional = true;
    }
  } else if (stubOn) {
    // 4.21+: the default is qemu-xen, checked with access() on the dom0 path, which is NULL
    // when a stub domain is requested, so the version becomes UNKNOWN.
    deviceModel = {
      value: 'unknown',
      reason: `no device_model_version and device_model_stubdomain_override = 1: libxl ${xen} finds no usable device model ("qemu-xen is unavailable: Bad address")`,
      source: stubdomainRequested?.source,
    };
  } else {
    deviceModel = { value: 'qemu-xen', reason: `no device_model_version: qemu-xen, the only device model of Xen ${xen}` };
  }
  const dm = deviceModel.value;
  const stubdomain = hvm && stubOn;
  // No kind when libxl refuses the combination (qemu-xen in a stub domain before 4.14) or
  // ends without a device model: no stub domain is built then.
  const stubdomainKind = !stubdomain
    ? undefined
    : dm === 'qemu-xen'
      ? xenAtLeast(xen, '4.14') ? 'linux' : undefined
      : dm === 'qemu-xen-traditional' ? 'mini-os' : undefined;

  // --- video (the stub domain's size includes videoram) ------------------------------------
  const vgaKey = view.string('vga');
  const stdvgaKey = view.long('stdvga');
  let vga: DeviceModelPlan['vga'];
  if (vgaKey && ['stdvga', 'cirrus', 'none', 'qxl'].includes(vgaKey.value)) {
    vga = { value: vgaKey.value as 'stdvga', reason: `vga = "${vgaKey.value}"`, source: at(vgaKey) };
  } else if (!vgaKey && stdvgaKey) {
    vga = { value: stdvgaKey.value !== 0n ? 'stdvga' : 'cirrus', reason: `stdvga = ${stdvgaKey.value}`, source: at(stdvgaKey) };
  } else {
    vga = { value: 'cirrus', reason: 'libxl default (Cirrus)' };
  }
  const videoKey = view.number('videoram');
  let videoramMiB: Decision<number>;
  if (!hvm) videoramMiB = { value: 0, reason: 'no emulated VGA outside HVM' };
  else if (videoKey) videoramMiB = { value: videoKey.value, reason: `videoram = ${videoKey.value}`, source: at(videoKey) };
  else {
    const trad = dm === 'qemu-xen-traditional';
    const d = vga.value === 'none' ? 0 : vga.value === 'qxl' ? 128 : vga.value === 'stdvga' ? (trad ? 8 : 16) : trad ? 4 : 8;
    videoramMiB = { value: d, reason: `libxl's default for ${vga.value} with ${trad ? 'qemu-xen-traditional' : 'qemu-xen'}` };
  }

  // --- stub domain memory ------------------------------------------------------------------
  const memKey = view.number('stubdomain_memory');
  const memKnown = memKey && xenAtLeast(xen, '4.14');
  let stubdomainMemoryMiB: Decision<number> | undefined;
  if (stubOn && (stubdomainKind || gt.value === 'pvh')) {
    // libxl sizes it by the device model version alone (libxl__stubdomain_is_linux), also
    // for a PVH guest that never gets a stub domain but is charged for one (libxl_mem.c).
    const linuxSized = dm === 'qemu-xen' && xenAtLeast(xen, '4.14');
    const base = memKnown ? memKey.value : linuxSized ? 128 : 28;
    const baseWhy = memKnown
      ? `stubdomain_memory = ${memKey.value}`
      : linuxSized
        ? 'the Linux stub domain default of 128 MiB'
        : 'the Mini-OS stub domain size of 28 MiB';
    stubdomainMemoryMiB = {
      value: base + videoramMiB.value,
      reason: `${baseWhy} plus videoram ${videoramMiB.value} MiB`,
      source: memKnown ? at(memKey) : stubdomainRequested?.source,
    };
  }

  // --- runs where --------------------------------------------------------------------------
  let runsIn: DeviceModelPlan['runsIn'];
  if (stubdomain && dm === 'qemu-xen' && !stubdomainKind) {
    runsIn = { value: 'nowhere', reason: `libxl ${xen} refuses qemu-xen in a stub domain (Linux stub domains exist from Xen 4.14)`, source: stubdomainRequested?.source };
  } else if (stubdomain && (dm === 'qemu-xen' || dm === 'qemu-xen-traditional')) {
    runsIn = { value: 'stub-domain', reason: `${dm} inside a ${stubdomainKind === 'linux' ? 'Linux' : 'Mini-OS'} stub domain`, source: stubdomainRequested?.source };
  } else if (dm === 'refused' || dm === 'unknown') {
    runsIn = { value: 'nowhere', reason: deviceModel.reason, source: deviceModel.source };
  } else if (hvm) {
    runsIn = { value: 'dom0', reason: `${dm} as a process in dom0` };
  } else {
    runsIn = { value: 'dom0', reason: `a dom0 ${dm} only if a PV backend needs one (qdisk, vfb, consoles)` };
  }

  // --- firmware ----------------------------------------------------------------------------
  const biosKey = hvm ? view.string('bios') : undefined;
  const biosLower = biosKey?.value.toLowerCase();
  // libxl's enum parser is case-insensitive and also knows "unknown" (= not set).
  const biosValid = biosLower === undefined || ['rombios', 'seabios', 'ovmf', 'unknown'].includes(biosLower);
  const biosSetting = biosKey ? { value: biosKey.value, range: at(biosKey), valid: biosValid } : undefined;
  let chosen: Decision<FirmwareKind> | undefined =
    biosKey && biosValid && biosLower !== 'unknown'
      ? { value: biosLower as FirmwareKind, reason: `bios = "${biosKey.value}"`, source: at(biosKey) }
      : undefined;
  let hvmloaderOverride: Decision<string> | undefined;
  const fwKey = view.string('firmware');
  if (hvm && fwKey) {
    const v = fwKey.value.toLowerCase();
    if (['rombios', 'seabios', 'ovmf'].includes(v)) chosen = { value: v as FirmwareKind, reason: `firmware = "${fwKey.value}"`, source: at(fwKey) };
    else if (v === 'unknown') chosen = undefined;
    else if ('uefi'.startsWith(fwKey.value)) chosen = { value: 'ovmf', reason: `firmware = "${fwKey.value}" (a prefix of "uefi")`, source: at(fwKey) };
    else if (!'bios'.startsWith(fwKey.value)) hvmloaderOverride = { value: fwKey.value, reason: `firmware = "${fwKey.value}" is not a firmware keyword, so xl takes it as a path that replaces hvmloader`, source: at(fwKey) };
  }
  let firmware: Decision<FirmwareKind> | undefined;
  if (hvm && (dm === 'qemu-xen' || dm === 'qemu-xen-traditional')) {
    firmware = chosen ?? (dm === 'qemu-xen'
      ? { value: 'seabios', reason: 'libxl default for qemu-xen (SeaBIOS)' }
      : { value: 'rombios', reason: 'libxl default for qemu-xen-traditional (ROMBIOS)' });
  } else if (hvm && chosen) {
    firmware = chosen;
  }
  const bpo = hvm ? view.string('bios_path_override') : undefined;
  const biosPathOverride = bpo ? { value: bpo.value, reason: `bios_path_override = "${bpo.value}"`, source: at(bpo) } : undefined;
  const kernelKey = view.string('kernel');
  const directKernelBoot =
    hvm && kernelKey && !/(^|\/)hvmloader$/.test(kernelKey.value)
      ? { value: kernelKey.value, reason: `kernel = "${kernelKey.value}" on an HVM guest: QEMU loads it directly`, source: at(kernelKey) }
      : undefined;

  // --- platform device, hdtype ---------------------------------------------------------------
  const ppKey = view.defbool('xen_platform_pci');
  const platformPci: Decision<boolean> = !hvm
    ? { value: false, reason: `no platform PCI device outside HVM (a ${gt.value.toUpperCase()} guest uses PV devices directly)` }
    : ppKey
      ? { value: ppKey.value, reason: `xen_platform_pci = ${view.string('xen_platform_pci')?.value}`, source: at(ppKey) }
      : { value: true, reason: 'libxl default (platform device present)' };
  const hdKey = view.string('hdtype');
  const hdLower = hdKey?.value.toLowerCase();
  const hdValid = hdLower === undefined || hdLower === 'ide' || hdLower === 'ahci';
  const hdtypeSetting = hdKey ? { value: hdKey.value, range: at(hdKey), valid: hdValid } : undefined;
  const ahci = hvm && dm === 'qemu-xen' && hdLower === 'ahci';
  const hdtype: Decision<'ide' | 'ahci'> = ahci
    ? { value: 'ahci', reason: `hdtype = "${hdKey!.value}"`, source: at(hdKey!) }
    : hdKey && hvm && dm === 'qemu-xen-traditional'
      ? { value: 'ide', reason: 'qemu-xen-traditional ignores hdtype (always IDE)', source: at(hdKey) }
      : { value: 'ide', reason: hdKey && hdValid && hvm ? `hdtype = "${hdKey.value}"` : 'libxl default (IDE)', source: hdKey && hvm ? at(hdKey) : undefined };
  const emulatedDiskLimit = ahci ? 6 : 4;

  // --- disks, NICs, PCI --------------------------------------------------------------------
  const entries = readDiskEntries(view, xen);
  const disks: PlannedDisk[] = hvm ? entries.map((e) => planDisk(e, { xen, dm, stubdomain, ahci, platform: platformPci.value, qemu })) : [];
  const nics: PlannedNic[] = readNics(view, hvm);
  const pci: PciEntry[] = readPci(view);

  return {
    xen,
    guestType,
    guestTypeInvalid: gt.invalid,
    versionSetting,
    deviceModel,
    mayFallBackToTraditional,
    stubdomainRequested,
    stubdomain,
    stubdomainKind,
    runsIn,
    stubdomainMemoryMiB,
    stubdomainMemorySetting: memKey ? { value: memKey.value, range: at(memKey) } : undefined,
    qemu,
    firmware,
    biosSetting,
    hvmloaderOverride,
    biosPathOverride,
    directKernelBoot,
    platformPci,
    hdtype,
    hdtypeSetting,
    emulatedDiskLimit,
    disks,
    nics,
    pci,
    vga,
    videoramMiB,
  };
}

interface DiskContext {
  xen: XenVersion;
  dm: DeviceModelOutcome;
  stubdomain: boolean;
  ahci: boolean;
  platform: boolean;
  qemu: AssumedQemu;
}

/** One disk through libxl__build_device_model_args_new (qemu-xen) of the release. */
function planDisk(e: DiskEntry, c: DiskContext): PlannedDisk {
  const base = { entry: e, pv: true, breaksQemu: false };
  const pvOnly = (why: string, cause: NonNullable<PlannedDisk['notEmulatedBecause']>): PlannedDisk => ({
    ...base, emulated: 'none', emulationReason: why, notEmulatedBecause: cause, unplugged: 'n/a', unplugReason: 'not emulated',
  });
  if (c.dm === 'qemu-xen-traditional') {
    // qemu-xen-traditional reads the disks from xenstore itself; not modelled here.
    return { ...pvOnly('qemu-xen-traditional chooses its emulated disks itself (not modelled)', 'not-modelled'), unplugReason: 'not modelled' };
  }
  if (c.dm !== 'qemu-xen') return pvOnly('no device model will run', 'no-device-model');
  if (e.index === undefined || e.index < 0) return pvOnly(`libxl cannot compute a disk number for vdev "${e.vdev ?? ''}", so QEMU does not emulate it`, 'no-disk-number');
  const i = e.index;
  if (c.stubdomain && i > 25) return pvOnly(`a stub domain's QEMU emulates only the first 26 disks (index ${i})`, 'stubdomain-limit');
  if (e.cdrom) {
    const cd = (why: string): PlannedDisk => ({ ...base, emulated: 'ide-cd', emulationReason: why, unplugged: 'no', unplugReason: 'CD-ROMs are never unplugged' });
    if (i <= 3) return cd(`CD-ROM on IDE channel ${i >> 1}, ${i & 1 ? 'slave' : 'master'} (CD-ROMs stay on IDE even with hdtype="ahci")`);
    if (!xenAtLeast(c.xen, '4.14')) {
      return { ...cd(`libxl ${c.xen} asks QEMU for IDE index ${i}, beyond the two IDE channels of the xenfv/pc machine, so QEMU is likely to refuse to start`), breaksQemu: true };
    }
    if (i === 4) {
      return { ...cd('libxl asks QEMU for IDE bus ide.2 (its guard is "index > 4"), which the PIIX3 machine does not have, so QEMU is likely to refuse to start'), breaksQemu: true };
    }
    return pvOnly(`libxl does not emulate CD-ROMs beyond index 4 (index ${i}); PV drivers can still see it`, 'cdrom-range');
  }
  const unplug = (kind: 'ide' | 'ahci' | 'scsi'): Pick<PlannedDisk, 'unplugged' | 'unplugReason'> => {
    if (!c.platform) return { unplugged: 'n/a', unplugReason: 'xen_platform_pci = 0: no PV drivers, nothing is unplugged' };
    if (kind === 'ide') return { unplugged: 'yes', unplugReason: 'IDE disks are removed by the unplug request' };
    if (kind === 'scsi') {
      return c.qemu.scsiUnplug
        ? { unplugged: 'yes', unplugReason: `${c.qemu.short} removes SCSI disks on unplug` }
        : { unplugged: 'no', unplugReason: `${c.qemu.short} predates SCSI unplug (QEMU 2.6/2.7)` };
    }
    return c.qemu.ahciUnplug
      ? { unplugged: 'yes', unplugReason: `${c.qemu.short} removes AHCI disks on unplug (since QEMU 8.2)` }
      : { unplugged: 'no', unplugReason: `${c.qemu.short} predates AHCI unplug (QEMU 8.2)` };
  };
  if (e.family === 'sd') return { ...base, emulated: 'scsi', emulationReason: `SCSI disk ${i} on the emulated LSI controller`, ...unplug('scsi') };
  if (c.ahci && i < 6) return { ...base, emulated: 'ahci', emulationReason: `AHCI port ${i}`, ...unplug('ahci') };
  if (i < 4) return { ...base, emulated: 'ide', emulationReason: `IDE channel ${i >> 1}, ${i & 1 ? 'slave' : 'master'}`, ...unplug('ide') };
  return pvOnly(
    `only disks 0–${c.ahci ? 5 : 3} are emulated${c.ahci ? ' with hdtype="ahci"' : ''} (this is index ${i})` +
      (xenAtLeast(c.xen, '4.14') ? '; libxl warns "Only 4 emulated IDE disks are supported."' : '; libxl drops it from QEMU silently'),
    'range',
  );
}

function readNics(view: ConfigView, hvm: boolean): PlannedNic[] {
  const list = view.list('vif');
  if (!list) return [];
  const out: PlannedNic[] = [];
  list.items.forEach((it, ordinal) => {
    if (it.value === null) return;
    // xl tokenises vif specs with strtok on "," and skips leading spaces (libxlu_vif.c).
    const type = it.value.split(',').map((t) => t.replace(/^ +/, '')).find((t) => t.startsWith('type='));
    out.push({ ordinal, item: { start: it.start, end: it.end }, emulated: hvm && type?.slice(5) !== 'vif' });
  });
  return out;
}

function readPci(view: ConfigView): PciEntry[] {
  const list = view.list('pci');
  if (!list) return [];
  // `pci_permissive` is the default each entry starts from (xl_parse.c); atoi semantics.
  const globalPermissive = (view.long('pci_permissive')?.value ?? 0n) !== 0n;
  const out: PciEntry[] = [];
  list.items.forEach((it, ordinal) => {
    if (it.value === null) return;
    let permissive = globalPermissive;
    for (const field of it.value.split(',')) {
      const eq = field.indexOf('=');
      if (eq > 0 && field.slice(0, eq) === 'permissive') permissive = atoi(field.slice(eq + 1)) !== 0;
    }
    out.push({ ordinal, item: { start: it.start, end: it.end }, spec: it.value, permissive });
  });
  return out;
}

function atoi(s: string): number {
  const m = /^\s*[+-]?\d+/.exec(s);
  return m ? parseInt(m[0], 10) : 0;
}
