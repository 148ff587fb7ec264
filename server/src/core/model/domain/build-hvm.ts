// The HVM-only part of xl_parse.c (firmware, platform features, viridian, MMIO hole, smbios,
// mca_caps) and the display block (top-level VNC/SDL keys for every type; VGA, SPICE, serial,
// USB, platform device for HVM).

import type { DomainBuild } from './build-domain';
import type { LibxlObject } from './libxl-json';

// hvmloader's fixed window below 4 GiB: the MMIO hole may be 256 MiB .. 3840 MiB.
const HVM_BELOW_4G_MMIO_LENGTH = 256n << 20n;
const HVM_BELOW_4G_MMIO_START = 0xf0000000n;

const VIRIDIAN_ENLIGHTENMENTS_WIDTH = 64;

export const buildHvm = {
  firmwareAndPlatform(d: DomainBuild): void {
    const { xl, b_info } = d;
    const u = d.u;
    const kernel = b_info.kernel;
    if (typeof kernel === 'string' && basename(kernel) === 'hvmloader') {
      xl.say(
        'WARNING: you seem to be using "kernel" directive to override HVM guest firmware. Ignore that. Use "firmware_override" instead if you really want a non-default firmware',
      );
      delete b_info.kernel;
      xl.sources.delete('b_info.kernel');
    }
    d.stringInto(u, 'firmware', 'b_info.u.firmware', 'firmware_override');
    d.stringInto(u, 'system_firmware', 'b_info.u.system_firmware', 'bios_path_override');
    const bios = xl.string('bios');
    if (bios) {
      const v = d.enumFromString('bios_type', bios.value);
      if (!v) return xl.fail(`ERROR: invalid value "${bios.value}" for "bios"`, 1, xl.at('bios', bios));
      u.bios = v;
      xl.from('b_info.u.bios', 'bios', bios);
    } else if (u.system_firmware !== undefined) {
      xl.say('WARNING: bios_path_override given without specific bios name');
    }

    d.defboolInto(u, 'pae', 'b_info.u.pae', 'pae');
    d.defboolInto(u, 'acpi_s3', 'b_info.u.acpi_s3', 'acpi_s3');
    d.defboolInto(u, 'acpi_s4', 'b_info.u.acpi_s4', 'acpi_s4');
    d.defboolInto(u, 'acpi_laptop_slate', 'b_info.u.acpi_laptop_slate', 'acpi_laptop_slate');
    d.defboolInto(u, 'nx', 'b_info.u.nx', 'nx');
    d.defboolInto(u, 'hpet', 'b_info.u.hpet', 'hpet');
    d.defboolInto(u, 'vpt_align', 'b_info.u.vpt_align', 'vpt_align');
    d.defboolInto(b_info, 'apic', 'b_info.apic', 'apic');
    if (d.reads('hvm_pirq')) d.defboolInto(u, 'pirq', 'b_info.u.pirq', 'hvm_pirq');

    viridian(d, u);
    if (xl.exit) return;

    const hole = xl.long('mmio_hole');
    if (hole) {
      const kb = BigInt.asUintN(64, hole.value * 1024n);
      u.mmio_hole_memkb = kb;
      xl.from('b_info.u.mmio_hole_memkb', 'mmio_hole', hole);
      const bytes = BigInt.asUintN(64, kb * 1024n);
      if (bytes < HVM_BELOW_4G_MMIO_LENGTH || bytes > HVM_BELOW_4G_MMIO_START) {
        return xl.fail(`ERROR: invalid value ${hole.value} for "mmio_hole"`, 1, xl.at('mmio_hole', hole));
      }
    }

    if (d.defboolInto(u, 'altp2m', 'b_info.u.altp2m', 'altp2mhvm')) {
      xl.say('WARNING: Specifying "altp2mhvm" is deprecated. Please use "altp2m" instead.');
    }
    d.stringInto(u, 'smbios_firmware', 'b_info.u.smbios_firmware', 'smbios_firmware');
    d.stringInto(u, 'acpi_firmware', 'b_info.u.acpi_firmware', 'acpi_firmware');
    if (d.reads('smbios')) smbios(d, u);
    if (xl.exit) return;

    const genid = xl.string('ms_vm_genid');
    if (genid && genid.value !== 'none') {
      if (genid.value === 'generate') {
        // A fresh random ID every run: recorded as generated, not printable offline.
        d.unmodelled.push('ms_vm_genid');
      } else {
        return xl.fail('ERROR: "ms_vm_genid" option must be "generate" or "none"', 1, xl.at('ms_vm_genid', genid));
      }
    }

    d.longInto(u, 'rdm_mem_boundary_memkb', 'b_info.u.rdm_mem_boundary_memkb', 'rdm_mem_boundary', 1024n);

    const mca = xl.list('mca_caps', true);
    if (mca.status === 'ok') {
      let caps = 0n;
      for (const it of mca.list.items) {
        if (it.value === 'lmce') caps |= 1n;
        else {
          // A nested list item is NULL to xl, and strcmp(NULL) crashes it.
          return xl.fail(`ERROR: unrecognized MCA capability '${it.value ?? ''}'.`, 3, xl.at('mca_caps', it));
        }
      }
      u.mca_caps = caps;
      xl.from('b_info.u.mca_caps', 'mca_caps', mca.list);
    } else if (mca.status === 'scalar') {
      const s = xl.view.setting('mca_caps')!;
      return xl.fail('ERROR: unable to parse mca_caps.', 3, xl.at('mca_caps', s.value));
    }

    // firmware= for HVM: a bios name, "uefi"/"bios" (any prefix), or a firmware file path.
    const fw = xl.string('firmware');
    if (fw) {
      const asBios = d.enumFromString('bios_type', fw.value);
      if (asBios) {
        u.bios = asBios;
        xl.from('b_info.u.bios', 'firmware', fw);
      } else if ('uefi'.startsWith(fw.value)) {
        u.bios = 'ovmf';
        xl.from('b_info.u.bios', 'firmware', fw);
      } else if (!'bios'.startsWith(fw.value)) {
        u.firmware = fw.value;
        xl.from('b_info.u.firmware', 'firmware', fw);
      }
    }
  },

  /** Top-level VNC/SDL keys and the HVM display/USB/serial block. */
  display(d: DomainBuild): void {
    const { xl, b_info, c_info, config } = d;
    if (xl.exit) return;
    const vfbs = (config.vfbs as LibxlObject[] | undefined) ?? [];
    if (c_info.type === 'pv' && vfbs.length === 0) {
      // A PV guest without vfb= gets a framebuffer from the top-level keys when vnc is on.
      const vnc = xl.long('vnc');
      if (vnc && vnc.value !== 0n) {
        const vfb: LibxlObject = { devid: 0n };
        const vkb: LibxlObject = { devid: BigInt(((config.vkbs as LibxlObject[] | undefined) ?? []).length) };
        topLevelVnc(d, d.obj(vfb, 'vnc'), 'vfbs.0.vnc');
        topLevelSdl(d, d.obj(vfb, 'sdl'), 'vfbs.0.sdl');
        d.stringInto(vfb, 'keymap', 'vfbs.0.keymap', 'keymap');
        config.vfbs = [vfb];
        config.vkbs = [...((config.vkbs as LibxlObject[] | undefined) ?? []), vkb];
      }
    } else {
      // Every other guest keeps the keys in the HVM part of the union (harmless for PVH).
      const u = c_info.type === 'hvm' ? d.u : {};
      topLevelVnc(d, d.obj(u, 'vnc'), 'b_info.u.vnc');
      topLevelSdl(d, d.obj(u, 'sdl'), 'b_info.u.sdl');
    }
    d.defboolInto(b_info, 'dm_restrict', 'b_info.dm_restrict', 'dm_restrict');
    if (c_info.type !== 'hvm') return;

    const u = d.u;
    const vga = xl.string('vga');
    if (vga) {
      const kinds: Record<string, string> = { stdvga: 'std', cirrus: 'cirrus', none: 'none', qxl: 'qxl' };
      const k = kinds[vga.value];
      if (!k) return xl.fail(`Unknown vga "${vga.value}" specified`, 1, xl.at('vga', vga));
      d.obj(u, 'vga').kind = k;
      xl.from('b_info.u.vga.kind', 'vga', vga);
    } else {
      const std = xl.long('stdvga');
      if (std) {
        d.obj(u, 'vga').kind = std.value !== 0n ? 'std' : 'cirrus';
        xl.from('b_info.u.vga.kind', 'stdvga', std);
      }
    }
    const hd = xl.string('hdtype');
    if (hd) {
      const v = d.enumFromString('hdtype', hd.value);
      if (!v) return xl.fail(`ERROR: invalid value "${hd.value}" for "hdtype"`, 1, xl.at('hdtype', hd));
      u.hdtype = v;
      xl.from('b_info.u.hdtype', 'hdtype', hd);
    }
    d.stringInto(u, 'keymap', 'b_info.u.keymap', 'keymap');
    const spice = d.obj(u, 'spice');
    d.defboolInto(spice, 'enable', 'b_info.u.spice.enable', 'spice');
    d.longInto(spice, 'port', 'b_info.u.spice.port', 'spiceport');
    d.longInto(spice, 'tls_port', 'b_info.u.spice.tls_port', 'spicetls_port');
    d.stringInto(spice, 'host', 'b_info.u.spice.host', 'spicehost');
    d.defboolInto(spice, 'disable_ticketing', 'b_info.u.spice.disable_ticketing', 'spicedisable_ticketing');
    d.stringInto(spice, 'passwd', 'b_info.u.spice.passwd', 'spicepasswd');
    d.defboolInto(spice, 'agent_mouse', 'b_info.u.spice.agent_mouse', 'spiceagent_mouse');
    d.defboolInto(spice, 'vdagent', 'b_info.u.spice.vdagent', 'spicevdagent');
    d.defboolInto(spice, 'clipboard_sharing', 'b_info.u.spice.clipboard_sharing', 'spice_clipboard_sharing');
    d.longInto(spice, 'usbredirection', 'b_info.u.spice.usbredirection', 'spiceusbredirection');
    d.stringInto(spice, 'image_compression', 'b_info.u.spice.image_compression', 'spice_image_compression');
    d.stringInto(spice, 'streaming_video', 'b_info.u.spice.streaming_video', 'spice_streaming_video');
    d.defboolInto(u, 'nographic', 'b_info.u.nographic', 'nographic');

    const gfxLong = xl.long('gfx_passthru', true);
    if (gfxLong) {
      u.gfx_passthru = gfxLong.value !== 0n;
      xl.from('b_info.u.gfx_passthru', 'gfx_passthru', gfxLong);
    } else {
      const gfx = xl.string('gfx_passthru');
      if (gfx) {
        const v = d.enumFromString('gfx_passthru_kind', gfx.value);
        if (!v) return xl.fail(`ERROR: invalid value "${gfx.value}" for "gfx_passthru"`, 1, xl.at('gfx_passthru', gfx));
        u.gfx_passthru_kind = v;
        u.gfx_passthru = true;
        xl.from('b_info.u.gfx_passthru', 'gfx_passthru', gfx);
      }
    }

    if (!stringOrList(d, u, 'serial', 'serial_list', 'serial')) return;
    d.stringInto(u, 'boot', 'b_info.u.boot', 'boot');
    d.defboolInto(u, 'usb', 'b_info.u.usb', 'usb');
    d.longInto(u, 'usbversion', 'b_info.u.usbversion', 'usbversion');
    if (!stringOrList(d, u, 'usbdevice', 'usbdevice_list', 'usbdevice')) return;
    d.defboolInto(u, 'vkb_device', 'b_info.u.vkb_device', 'vkb_device');
    d.stringInto(u, 'soundhw', 'b_info.u.soundhw', 'soundhw');
    d.defboolInto(u, 'xen_platform_pci', 'b_info.u.xen_platform_pci', 'xen_platform_pci');
    if (d.reads('xen_platform_pci_bar_uc')) {
      d.defboolInto(u, 'xen_platform_pci_bar_uc', 'b_info.u.xen_platform_pci_bar_uc', 'xen_platform_pci_bar_uc');
    }

    const vnc = u.vnc as LibxlObject;
    const listen = vnc.listen;
    if (typeof listen === 'string' && vnc.display !== undefined && BigInt.asIntN(32, vnc.display as bigint) !== 0n && listen.includes(':')) {
      return xl.fail('ERROR: Display specified both in vnclisten and vncdisplay!', 1);
    }

    const vendor = xl.string('vendor_device');
    if (vendor) {
      const v = d.enumFromString('vendor_device', vendor.value);
      if (!v) return xl.fail(`xl: unknown vendor_device '${vendor.value}'`, 3, xl.at('vendor_device', vendor));
      u.vendor_device = v;
      xl.from('b_info.u.vendor_device', 'vendor_device', vendor);
    }
  },
};

function topLevelVnc(d: DomainBuild, vnc: LibxlObject, path: string): void {
  d.defboolInto(vnc, 'enable', `${path}.enable`, 'vnc');
  d.stringInto(vnc, 'listen', `${path}.listen`, 'vnclisten');
  d.stringInto(vnc, 'passwd', `${path}.passwd`, 'vncpasswd');
  d.longInto(vnc, 'display', `${path}.display`, 'vncdisplay');
  d.defboolInto(vnc, 'findunused', `${path}.findunused`, 'vncunused');
}

function topLevelSdl(d: DomainBuild, sdl: LibxlObject, path: string): void {
  d.defboolInto(sdl, 'enable', `${path}.enable`, 'sdl');
  d.defboolInto(sdl, 'opengl', `${path}.opengl`, 'opengl');
  d.stringInto(sdl, 'display', `${path}.display`, 'display');
  d.stringInto(sdl, 'xauthority', `${path}.xauthority`, 'xauthority');
}

/** serial / usbdevice: a list of strings, else a single string. Returns false when xl exits. */
function stringOrList(d: DomainBuild, u: LibxlObject, key: string, listField: string, field: string): boolean {
  const { xl } = d;
  const r = xl.stringList(key, true);
  if (r.status === 'ok') {
    u[listField] = r.items.map((i) => i.value as string);
    xl.from(`b_info.u.${listField}`, key, r.list);
    return true;
  }
  if (r.status === 'missing') return true;
  const s = xl.string(key);
  if (s) {
    u[field] = s.value;
    xl.from(`b_info.u.${field}`, key, s);
    return true;
  }
  xl.fail(`xl: Unable to parse ${key}.`, 3);
  return false;
}

function viridian(d: DomainBuild, u: LibxlObject): void {
  const { xl } = d;
  const r = xl.list('viridian', true);
  if (r.status === 'ok') {
    const enable = new Set<number>();
    const disable = new Set<number>();
    for (const it of r.list.items) {
      if (it.value === null) {
        // strcmp on NULL: xl crashes here.
        return xl.crash(xl.at('viridian', it));
      }
      // "all" sets every bit at that point; later "!name" items still clear theirs.
      if (it.value === 'all') for (let i = 0; i < VIRIDIAN_ENLIGHTENMENTS_WIDTH; i++) enable.add(i);
      else if (it.value === 'defaults') u.viridian = true;
      else {
        const neg = it.value.startsWith('!');
        const name = neg ? it.value.slice(1) : it.value;
        const t = d.printer.enumType('viridian_enlightenment');
        const e = t?.values.find(([, n]) => n.toLowerCase() === name.toLowerCase());
        if (!e) return xl.fail(`xl: unknown viridian enlightenment '${name}'`, 3, xl.at('viridian', it));
        (neg ? disable : enable).add(e[0]);
        (neg ? enable : disable).delete(e[0]);
      }
    }
    if (r.list.items.length > 0) {
      u.viridian_enable = [...enable].sort((a, b) => a - b).map(BigInt);
      u.viridian_disable = [...disable].sort((a, b) => a - b).map(BigInt);
    }
    xl.from('b_info.u.viridian_enable', 'viridian', r.list);
  } else if (r.status === 'scalar') {
    d.defboolInto(u, 'viridian', 'b_info.u.viridian', 'viridian', true);
  }
}

function smbios(d: DomainBuild, u: LibxlObject): void {
  const { xl } = d;
  const r = xl.list('smbios');
  if (r.status === 'scalar') return xl.fail('xl: Unable to parse smbios options.', 1);
  if (r.status !== 'ok') return;
  const out: LibxlObject[] = [];
  let oem = 1;
  for (let i = 0; i < r.list.items.length; i++) {
    const it = r.list.items[i];
    if (it.value === null) return xl.fail(`xl: Unable to get element #${i} in smbios list`, 1, xl.at('smbios', it));
    const eq = it.value.indexOf('=');
    if (eq < 0) return xl.fail(`xl: failed to split "${it.value}" at '='`, 1, xl.at('smbios', it));
    const option = it.value.slice(0, eq);
    const value = it.value.slice(eq + 1);
    if (value === '') return xl.fail(`xl: empty value not allowed for smbios "${option}="`, 1, xl.at('smbios', it));
    const type = d.enumFromString('smbios_type', option);
    if (!type) return xl.fail(`xl: unknown smbios type '${option}'`, 1, xl.at('smbios', it));
    if (type === 'oem') {
      if (oem > 99) return xl.fail('xl: smbios limited to 99 oem strings', 1, xl.at('smbios', it));
      oem++;
    }
    out.push({ key: type, value });
  }
  u.smbios = out;
  xl.from('b_info.u.smbios', 'smbios', r.list);
}

function basename(path: string): string {
  // libxl_basename: the part after the last '/', or the whole string.
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
