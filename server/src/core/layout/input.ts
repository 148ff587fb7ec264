// Builds the layout's input from what xl reads out of the config (ConfigView), the host profile
// and the chosen release. Spec strings (pci, vif, disk) are read by their own parsers; the
// reading of a pci entry is kept behind readPciEntry() so it follows the shared parser.

import type { ConfigView, ListItem } from '../model/config-view';
import type { HostProfile } from '../host-profile/schema';
import { formatBdf } from '../host-profile/schema';
import { parsePciSpec } from '../specs/pci';
import { parseVifSpec } from '../specs/vif';
import { readDiskEntries } from '../device-model/disk-entries';
import type { XenVersion } from '../xen-version';
import type { FromKey, GuestType, LayoutInput, NicInput, PciInput, VgaKind } from './types';

export interface LayoutInputOptions {
  xen: XenVersion;
  xenWhy?: string;
  host?: HostProfile;
  hostSource?: string;
}

function located<T>(view: ConfigView, key: string, value: T): FromKey<T> {
  const s = view.setting(key)!;
  return { value, src: { start: s.value.start, end: s.value.end }, key };
}

function num(view: ConfigView, key: string): FromKey<number> | undefined {
  const l = view.number(key);
  return l ? { value: l.value, src: { start: l.start, end: l.end }, key } : undefined;
}

function bool(view: ConfigView, key: string, fallback: boolean): FromKey<boolean> {
  const l = view.defbool(key);
  return l ? { value: l.value, src: { start: l.start, end: l.end }, key } : { value: fallback };
}

function str(view: ConfigView, key: string): FromKey<string> | undefined {
  const l = view.string(key);
  return l ? { value: l.value, src: { start: l.start, end: l.end }, key } : undefined;
}

/** xl's `type=` is a prefix match tried in the order hvm, pv, pvh; `builder` is the old spelling. */
function guestType(view: ConfigView): FromKey<GuestType | 'invalid'> {
  const t = view.string('type');
  if (t) {
    const v = t.value;
    const kind: GuestType | 'invalid' = 'hvm'.startsWith(v) ? 'hvm' : 'pv'.startsWith(v) ? 'pv' : 'pvh'.startsWith(v) ? 'pvh' : 'invalid';
    return located(view, 'type', kind);
  }
  const b = view.string('builder');
  if (b) return located(view, 'builder', 'hvm'.startsWith(b.value) && b.value !== '' ? 'hvm' : 'pv');
  return { value: 'pv' };
}

/** One pci entry as xl reads it (via the shared PCI_SPEC_STRING parser). */
export function readPciEntry(item: ListItem, ordinal: number, xen: XenVersion): PciInput {
  const spec = item.value ?? '';
  const out: PciInput = { ordinal, spec, src: { start: item.start, end: item.end }, allFunctions: false };
  const r = parsePciSpec(spec, { xenVersion: xen });
  const fatal = r.problems.find((p) => p.reaction === 'fatal');
  if (!r.spec.accepted || fatal) {
    out.error = fatal?.xenMessage ?? `unable to parse PCI_SPEC_STRING \`${spec}' for passthrough`;
    return out;
  }
  const b = r.spec.bdf;
  if (b) {
    out.bdf = formatBdf(b.domain.value, b.bus.value, b.dev.value, b.func.value ?? 0);
    out.allFunctions = b.func.value === null;
  }
  if (r.spec.name) out.name = r.spec.name.value;
  if (r.spec.vslot) out.vslot = r.spec.vslot.value;
  if (r.spec.rdmPolicy) out.rdmPolicy = r.spec.rdmPolicy.value;
  return out;
}

function readNics(view: ConfigView, hvm: boolean, xen: XenVersion): NicInput[] {
  const list = view.list('vif');
  if (!list) return [];
  const out: NicInput[] = [];
  list.items.forEach((item, ordinal) => {
    if (item.value === null) return;
    const r = parseVifSpec(item.value, { xenVersion: xen });
    const type = r.spec.type?.value;
    out.push({
      ordinal,
      src: { start: item.start, end: item.end },
      spec: item.value,
      // HVM NICs default to type=ioemu: an emulated NIC (with its option ROM) plus a PV vif.
      emulated: hvm && type !== 'vif',
      model: r.spec.model?.value ?? 'rtl8139',
    });
  });
  return out;
}

export function buildLayoutInput(view: ConfigView, options: LayoutInputOptions): LayoutInput {
  const xen = options.xen;
  const type = guestType(view);
  const hvm = type.value === 'hvm';

  let vga: FromKey<VgaKind | 'invalid'>;
  const vgaText = view.string('vga');
  if (vgaText) {
    const v = vgaText.value;
    vga = located(view, 'vga', v === 'stdvga' || v === 'cirrus' || v === 'none' || v === 'qxl' ? v : 'invalid');
  } else {
    const std = view.defbool('stdvga');
    vga = std ? { ...located(view, 'stdvga', std.value ? 'stdvga' : 'cirrus') } : { value: 'cirrus' };
  }

  const vcpus = Math.max(1, view.number('vcpus')?.value ?? 1);
  const maxVcpus = Math.max(vcpus, view.number('maxvcpus')?.value ?? vcpus);

  const pciList = view.list('pci');
  const pci: PciInput[] = [];
  pciList?.items.forEach((item, ordinal) => {
    if (item.value !== null) pci.push(readPciEntry(item, ordinal, xen));
  });

  const disks = readDiskEntries(view, xen);
  const hdtype = view.string('hdtype')?.value.toLowerCase();
  const gfx = view.string('gfx_passthru');

  const rdm = view.string('rdm');
  const extra = view.setting('extra_memory');
  return {
    xen,
    xenWhy: options.xenWhy ?? `Xen ${xen}`,
    type,
    memory: num(view, 'memory'),
    maxmem: num(view, 'maxmem'),
    videoram: num(view, 'videoram'),
    mmioHole: hvm ? num(view, 'mmio_hole') : undefined,
    rdmMemBoundary: hvm ? num(view, 'rdm_mem_boundary') : undefined,
    shadowMemory: num(view, 'shadow_memory'),
    vcpus,
    maxVcpus,
    vga,
    dm: str(view, 'device_model_version'),
    stubdomain: bool(view, 'device_model_stubdomain_override', false),
    bios: hvm ? str(view, 'bios') : undefined,
    firmware: str(view, 'firmware'),
    hap: bool(view, 'hap', true),
    acpi: bool(view, 'acpi', true),
    platformPci: bool(view, 'xen_platform_pci', true),
    platformPciBarUc: bool(view, 'xen_platform_pci_bar_uc', true),
    passthrough: str(view, 'passthrough'),
    vnuma: view.list('vnuma') !== undefined,
    gfxPassthru: gfx && view.defbool('gfx_passthru') === undefined ? located(view, 'gfx_passthru', gfx.value !== '') : bool(view, 'gfx_passthru', false),
    rdm: rdm ? { text: rdm.value, src: { start: rdm.start, end: rdm.end } } : undefined,
    pci,
    pciSrc: pciList ? { start: pciList.start, end: pciList.end } : undefined,
    nics: readNics(view, hvm, xen),
    scsi: disks.some((d) => !d.cdrom && (d.vdev ?? '').startsWith('sd')),
    ahci: hdtype === 'ahci' && disks.some((d) => !d.cdrom && d.index !== undefined && d.index < 6),
    usb: (view.defbool('usb')?.value ?? false) || view.has('usbdevice'),
    usbVersion: view.number('usbversion')?.value,
    soundhw: view.string('soundhw')?.value,
    extraMemory: extra ? { start: extra.start, end: extra.end } : undefined,
    host: options.host,
    hostSource: options.hostSource,
  };
}
