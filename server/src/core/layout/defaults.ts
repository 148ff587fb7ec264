// Stage 1: what xl and libxl make of the memory-related keys before anything is built
// (xl_parse.c:parse_config_data(), libxl_create.c:libxl__domain_build_info_setdefault(),
// libxl__domain_config_setdefault(), libxl_x86.c:libxl__arch_passthrough_mode_setdefault()).
//
// Point releases: a release "4.x" is modelled as the newest point release of that branch, so
// stable backports count (e.g. the PoD/passthrough check of 4.14.5/4.15.3/4.16.1, the
// >1 GiB BAR rule of 4.17.4/4.18.1, the stub-domain relocate key of 4.17.4/4.18.1).

import { xenAtLeast } from '../xen-version';
import { DEFAULT_MAX_MEMKB, MMIO_HOLE_MAX_MIB, MMIO_HOLE_MIN_MIB, RDM_MEM_BOUNDARY_DEFAULT_MIB, MiB } from './constants';
import type { BiosKind, DmVersion, LayoutInput, LayoutProblem, LayoutResult, RdmPolicy, Traced, VgaKind } from './types';
import { parseRdmOption } from './rdm-option';

export type Defaults = LayoutResult['defaults'];

export interface DefaultsStage {
  defaults: Defaults;
  problems: LayoutProblem[];
  unknowns: string[];
}

const t = <T>(value: T, why: string): Traced<T> => ({ value, why });

function xlFatal(code: string, message: string): LayoutProblem {
  return { stage: 'xl', code, message, fatal: true };
}
function libxlFatal(code: string, message: string): LayoutProblem {
  return { stage: 'libxl', code, message, fatal: true };
}

/** Default and minimum video memory (MiB) per device model and VGA kind (§1.5). */
function videoram(input: LayoutInput, dm: DmVersion, vga: VgaKind, problems: LayoutProblem[]): Traced<number> {
  const given = input.videoram?.value;
  if (vga === 'none') {
    // libxl only defaults it to 0: a written value is still carved out of RAM, unused.
    return given === undefined ? t(0, 'no emulated VGA (`vga="none"`), so no video memory') : t(given, '`videoram` as written (with `vga="none"` nothing uses it, but libxl still subtracts it from RAM)');
  }
  if (dm === 'qemu-xen') {
    const min = vga === 'cirrus' ? 8 : vga === 'stdvga' ? 16 : 128;
    if (given === undefined) return t(min, `libxl's default for ${vga} with qemu-xen`);
    if (given < min) {
      const msg =
        vga === 'qxl'
          ? '128 Mib videoram is the minimum for qxl default'
          : `videoram must be at least ${min} MB for ${vga === 'cirrus' ? 'CIRRUS' : 'STDVGA'} on QEMU_XEN`;
      problems.push(libxlFatal('videoram-invalid', msg));
    }
    return t(given, '`videoram` as written');
  }
  // qemu-xen-traditional (≤ 4.20)
  if (vga === 'qxl') {
    problems.push(libxlFatal('videoram-invalid', 'qemu upstream required for qxl vga'));
    return t(given ?? 0, 'qxl is not available with qemu-xen-traditional');
  }
  if (vga === 'cirrus') {
    if (given !== undefined && given !== 4) {
      // libxl warns and QEMU uses 4 MiB, but the written value is still carved out of RAM.
      return t(given, '`videoram` as written (qemu-xen-traditional uses 4 MiB for cirrus but libxl still subtracts this value from RAM)');
    }
    return t(4, "libxl's default for cirrus with qemu-xen-traditional");
  }
  if (given === undefined) return t(8, "libxl's default for stdvga with qemu-xen-traditional");
  if (given < 8) problems.push(libxlFatal('videoram-invalid', 'videoram must be at least 8 MB for STDVGA on QEMU_XEN_TRADITIONAL'));
  return t(given, '`videoram` as written');
}

export function resolveDefaults(input: LayoutInput): DefaultsStage {
  const problems: LayoutProblem[] = [];
  const unknowns: string[] = [];
  const xen = input.xen;

  const type = t(input.type.value, input.type.src ? `\`${input.type.key ?? 'type'}\` as written` : 'no `type` or `builder`: xl builds a PV guest on x86');
  if (input.type.value === 'invalid') problems.push(xlFatal('guest-type-invalid', 'Invalid domain type.'));
  const hvm = input.type.value === 'hvm';

  if (hvm && input.mmioHole) {
    const v = input.mmioHole.value;
    if (v < MMIO_HOLE_MIN_MIB || v > MMIO_HOLE_MAX_MIB) {
      problems.push(xlFatal('mmio-hole-invalid', `ERROR: invalid value ${v} for "mmio_hole"`));
    }
  }

  // Device model.
  let dm: Traced<DmVersion>;
  const dmText = input.dm?.value;
  if (dmText === 'qemu-xen') dm = t('qemu-xen', '`device_model_version` as written');
  else if (dmText === 'qemu-xen-traditional') {
    if (xenAtLeast(xen, '4.21')) problems.push(xlFatal('device-model-invalid', 'Unknown device_model_version "qemu-xen-traditional" specified'));
    dm = t('qemu-xen-traditional', '`device_model_version` as written');
  } else if (dmText !== undefined) {
    problems.push(xlFatal('device-model-invalid', `Unknown device_model_version "${dmText}" specified`));
    dm = t('qemu-xen', 'unknown `device_model_version` (xl refuses it); qemu-xen assumed for the rest');
  } else if (hvm && input.stubdomain.value && !xenAtLeast(xen, '4.21')) {
    dm = t('qemu-xen-traditional', `a stub-domain HVM guest without \`device_model_version\` gets qemu-xen-traditional on ${xen} (4.3–4.20)`);
  } else dm = t('qemu-xen', "libxl's default device model");
  const trad = dm.value === 'qemu-xen-traditional';

  // Firmware.
  let bios: Traced<BiosKind>;
  const biosText = input.bios?.value.toLowerCase();
  const fw = input.firmware?.value;
  if (biosText === 'seabios' || biosText === 'ovmf' || biosText === 'rombios') bios = t(biosText, '`bios` as written');
  else if (biosText !== undefined && biosText !== 'unknown') {
    problems.push(xlFatal('bios-invalid', `ERROR: invalid value "${input.bios!.value}" for "bios"`));
    bios = t(trad ? 'rombios' : 'seabios', 'invalid `bios` (xl refuses it); the default assumed for the rest');
  } else if (hvm && fw !== undefined && xenAtLeast(xen, '4.10') && ['seabios', 'ovmf', 'rombios'].includes(fw)) {
    bios = t(fw as BiosKind, '`firmware` as written');
  } else if (hvm && fw !== undefined && 'uefi'.startsWith(fw)) {
    bios = t('ovmf', '`firmware` is a prefix of "uefi", which selects OVMF');
  } else bios = t(trad ? 'rombios' : 'seabios', `libxl's default firmware for ${dm.value}`);
  if (hvm && fw !== undefined && !['seabios', 'ovmf', 'rombios'].includes(fw) && !'uefi'.startsWith(fw) && !'bios'.startsWith(fw)) {
    unknowns.push(`\`firmware="${fw}"\` replaces hvmloader itself; the layout below is hvmloader's and may not apply`);
  }
  if (hvm && bios.value === 'rombios' && !trad) problems.push(libxlFatal('bios-invalid', 'qemu-xen does not support bios=rombios.'));
  if (hvm && bios.value !== 'rombios' && trad) problems.push(libxlFatal('bios-invalid', 'qemu-xen-traditional requires bios=rombios.'));

  // VGA.
  let vga: Traced<VgaKind>;
  if (input.vga.value === 'invalid') {
    problems.push(xlFatal('vga-invalid', 'Unknown vga specified'));
    vga = t('cirrus', 'invalid `vga` (xl refuses it); cirrus assumed for the rest');
  } else vga = t(input.vga.value, input.vga.src ? `\`${input.vga.key ?? 'vga'}\` as written` : "libxl's default VGA (cirrus)");
  if (!hvm) vga = t('none', 'only HVM guests have an emulated VGA');

  const video = hvm ? videoram(input, dm.value, vga.value, problems) : t(0, 'only HVM guests carve video memory out of `memory`');
  const videoKb = t(video.value * 1024, video.why);

  // Memory sizes (KiB).
  const memKb = input.memory ? input.memory.value * 1024 : undefined;
  const maxKbGiven = input.maxmem ? input.maxmem.value * 1024 : undefined;
  let maxKb: Traced<number>;
  let targetKb: Traced<number>;
  if (maxKbGiven !== undefined) maxKb = t(maxKbGiven, '`maxmem` as written');
  else if (memKb !== undefined) maxKb = t(memKb, 'no `maxmem`: xl uses `memory`');
  else maxKb = t(DEFAULT_MAX_MEMKB, "neither `memory` nor `maxmem`: libxl's default of 32 MiB");
  if (memKb !== undefined) targetKb = t(memKb, '`memory` as written');
  else targetKb = t(maxKb.value, 'no `memory`: libxl sets the target to the maximum');

  const pod = t(
    input.type.value !== 'pv' && targetKb.value < maxKb.value,
    input.type.value === 'pv'
      ? 'PV guests never use populate-on-demand'
      : targetKb.value < maxKb.value
        ? '`memory` < `maxmem` on a non-PV guest switches populate-on-demand on'
        : '`memory` = `maxmem`: every page is populated at build time',
  );

  // Passthrough mode.
  const hasPci = input.pci.length > 0;
  const ptText = input.passthrough?.value;
  let passthrough: Traced<'disabled' | 'share_pt' | 'sync_pt'>;
  const sharesHap = input.host?.cpuVendor !== 'amd' && input.hap.value;
  const modeFromEnabled = (why: string): Traced<'share_pt' | 'sync_pt'> =>
    sharesHap
      ? t('share_pt', `${why}; ${input.host?.cpuVendor === 'intel' ? 'an Intel host' : 'assuming an Intel host (no `cpuVendor` in the host profile)'} with HAP shares the EPT with the IOMMU`)
      : t('sync_pt', `${why}; ${input.hap.value ? 'an AMD host' : 'without HAP'} keeps separate IOMMU page tables`);
  if (ptText === 'disabled') passthrough = t('disabled', '`passthrough="disabled"`');
  else if (ptText === 'share_pt' || ptText === 'sync_pt') passthrough = t(ptText, '`passthrough` as written');
  else if (ptText === 'enabled') passthrough = modeFromEnabled('`passthrough="enabled"`');
  else if (hasPci) passthrough = modeFromEnabled('`pci` devices are given, so libxl enables passthrough');
  else passthrough = t('disabled', 'no `pci` devices and no `passthrough`');
  if (input.host?.cpuVendor === undefined && passthrough.value !== 'disabled' && ptText !== 'share_pt' && ptText !== 'sync_pt') {
    unknowns.push('the host CPU vendor (Intel assumed: IOMMU tables shared with HAP); on AMD hosts libxl uses sync_pt and needs more host memory');
  }
  if (ptText === 'disabled' && hasPci && xenAtLeast(xen, '4.13')) {
    problems.push(libxlFatal('passthrough-disabled-with-pci', 'passthrough disabled but devices are specified'));
  }
  if (input.type.value === 'pvh' && hasPci) problems.push(libxlFatal('pvh-passthrough', 'passthrough not yet supported for x86 PVH guests'));

  // PoD checks.
  if (pod.value && passthrough.value !== 'disabled' && xenAtLeast(xen, '4.14')) {
    problems.push(libxlFatal('pod-with-passthrough', 'IOMMU required for device passthrough but not supported together with PoD'));
  } else if (pod.value && hasPci && input.type.value === 'hvm') {
    problems.push(libxlFatal('pod-with-passthrough', 'PCI device assignment for HVM guest failed due to PoD enabled'));
  }
  if (pod.value && input.vnuma) problems.push(libxlFatal('pod-with-vnuma', 'Cannot enable PoD and vNUMA at the same time'));

  // Paging pool ("shadow") and IOMMU estimates (§1.6).
  const v = input.maxVcpus;
  const m = Math.floor(maxKb.value / 1024);
  let shadowKb: Traced<number>;
  if (input.shadowMemory) shadowKb = t(input.shadowMemory.value * 1024, '`shadow_memory` as written');
  else if (xenAtLeast(xen, '4.17')) {
    const k = (input.type.value !== 'pv' ? 1 : 0) + (input.type.value !== 'pv' && input.hap.value ? 0 : 1);
    shadowKb = t(4 * (256 * v + k * m), `4.17+: 4·(256·${v} vCPUs + ${k}·${m} MiB)${k === 1 ? '' : ' (shadow paging doubles the per-MiB part)'}`);
  } else shadowKb = t(4 * (256 * v + 2 * m), `before 4.17: 4·(256·${v} vCPUs + 2·${m} MiB)`);
  let iommuKb: Traced<number> = t(0, passthrough.value === 'sync_pt' ? '' : 'IOMMU tables are shared with HAP or there is no passthrough');
  if (passthrough.value === 'sync_pt') {
    let p = maxKb.value / 4;
    let total = 0;
    for (let i = 0; i < 4; i++) {
      p = Math.ceil(p / 512);
      total += p;
    }
    iommuKb = t(4 * total, `sync_pt: ${total} pages of IOMMU page tables for ${m} MiB`);
  }

  // hvmloader's permission to move RAM above 4 GiB (§2.9).
  let allow: Traced<boolean>;
  if (!hvm) allow = t(false, 'it is not an HVM guest');
  else if (xenAtLeast(xen, '4.21')) allow = t(false, 'libxl never lets hvmloader move RAM from 4.21 on (allow-memory-relocate=0)');
  else if (input.stubdomain.value && !xenAtLeast(xen, '4.17')) {
    allow = t(true, `stub-domain device models do not get the allow-memory-relocate key before 4.17.4/4.18.1/4.19, so hvmloader may move RAM on ${xen}`);
  } else if (trad && !input.vnuma) allow = t(true, 'libxl lets hvmloader move RAM with qemu-xen-traditional, which copes with it');
  else allow = t(false, trad ? 'vNUMA makes libxl forbid hvmloader to move RAM' : 'libxl forbids hvmloader to move RAM with qemu-xen, which cannot follow relocated RAM (allow-memory-relocate=0)');

  // RDM options.
  const rdmOpt = parseRdmOption(input.rdm?.text, xen);
  const rdmStrategy = t<'host' | 'ignore'>(rdmOpt.strategy, rdmOpt.why);
  let rdmPolicy: Traced<RdmPolicy | 'undefined'>;
  if (rdmOpt.policy) rdmPolicy = t(rdmOpt.policy, rdmOpt.why);
  else if (rdmOpt.ok && input.rdm && xenAtLeast(xen, '4.14')) {
    rdmPolicy = t('undefined', 'the `rdm` string has no policy, so xl copies an uninitialised value; it behaves as strict in practice');
  } else rdmPolicy = t('relaxed', "libxl's default global policy (relaxed)");
  const boundaryMiB = input.rdmMemBoundary?.value ?? RDM_MEM_BOUNDARY_DEFAULT_MIB;
  const rdmBoundary = t(boundaryMiB * MiB, input.rdmMemBoundary ? '`rdm_mem_boundary` as written' : "libxl's default boundary (2 GiB)");

  return {
    defaults: {
      type,
      targetKb,
      maxKb,
      videoKb,
      pod,
      dm,
      bios,
      vga,
      passthrough,
      shadowKb,
      iommuKb,
      allowMemoryRelocate: allow,
      rdmPolicy,
      rdmStrategy,
      rdmBoundary,
    },
    problems,
    unknowns,
  };
}
