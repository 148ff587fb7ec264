// Stage 5: the PCI devices QEMU gives an HVM guest, their BARs, and the guest pages QEMU
// populates for video memory and option ROMs out of the slack libxl leaves.
//
// Slot order (current libxl + QEMU): 00:00.0 host bridge, 00:01.x PIIX3 (ISA, IDE, UHCI with
// `usb`), 00:02.0 the Xen platform device (created by the xenfv machine before any -device),
// then the -device arguments in the order libxl_dm.c:libxl__build_device_model_args_new()
// writes them: SCSI controller, VGA, USB controller, sound, NICs, AHCI; passed-through devices
// are added afterwards over QMP and take the next free slots unless `vslot`/`@N` is given.
// BAR and ROM sizes are QEMU's [outside Xen]: ROM BARs are pow2ceil(ROM file size).

import { KiB, MiB, pow2ceil, size } from './constants';
import type { Defaults } from './defaults';
import type { BarInfo, EmulatedDevice, LayoutInput, LayoutProblem, LayoutResult } from './types';

export interface QemuStage {
  qemu: LayoutResult['qemu'];
  problems: LayoutProblem[];
  unknowns: string[];
  /** The next free guest slot for passed-through devices. */
  nextSlot: number;
}

/** iPXE EFI ROMs shipped with QEMU are ~244–250 KB, so their ROM BAR is 256 KiB. */
const NIC_ROM = 256 * KiB;
const VGA_ROM = 64 * KiB;

type BarSpec = Omit<BarInfo, 'devfn' | 'device' | 'hostBdf' | 'pciOrdinal' | 'nicOrdinal'>;
const mem = (bar: number, sz: number, prefetch = false, is64 = false): BarSpec => ({ bar, size: sz, is64, prefetch, io: false });
const io = (bar: number, sz: number): BarSpec => ({ bar, size: sz, is64: false, prefetch: false, io: true });
const rom = (sz: number): BarSpec => ({ bar: 'rom', size: sz, is64: false, prefetch: false, io: false });

interface NicModel {
  vendor: number;
  device: number;
  bars: BarSpec[];
  romSize: number;
}

const NIC_MODELS: Record<string, NicModel> = {
  rtl8139: { vendor: 0x10ec, device: 0x8139, bars: [io(0, 256), mem(1, 256)], romSize: NIC_ROM },
  e1000: { vendor: 0x8086, device: 0x100e, bars: [mem(0, 128 * KiB), io(1, 64)], romSize: NIC_ROM },
  // virtio-net (transitional): legacy I/O, MSI-X, 64-bit modern BAR.
  'virtio-net-pci': { vendor: 0x1af4, device: 0x1000, bars: [io(0, 32), mem(1, 4 * KiB), mem(4, 16 * KiB, true, true)], romSize: NIC_ROM },
  ne2k_pci: { vendor: 0x10ec, device: 0x8029, bars: [io(0, 256)], romSize: NIC_ROM },
  pcnet: { vendor: 0x1022, device: 0x2000, bars: [io(0, 32), mem(1, 32)], romSize: NIC_ROM },
};
NIC_MODELS['virtio-net'] = NIC_MODELS['virtio-net-pci'];
NIC_MODELS['virtio'] = NIC_MODELS['virtio-net-pci'];

function device(devfn: number, name: string, ids: [number, number, number], specs: BarSpec[], ramPages = 0, ramWhy = '', nicOrdinal?: number): EmulatedDevice {
  return {
    devfn,
    name,
    vendor: ids[0],
    device: ids[1],
    class: ids[2],
    bars: specs.map((b) => ({ ...b, devfn, device: name, nicOrdinal })),
    ramPages,
    ramWhy,
    nicOrdinal,
  };
}

export function emulatedDevices(input: LayoutInput, d: Defaults, memFree: number): QemuStage {
  const problems: LayoutProblem[] = [];
  const unknowns: string[] = [];
  const devices: EmulatedDevice[] = [];
  const trad = d.dm.value === 'qemu-xen-traditional';
  if (input.type.value !== 'hvm') {
    return {
      qemu: {
        devices,
        vramPages: 0,
        romPages: 0,
        pages: { value: 0, why: 'no emulated PCI devices outside HVM guests' },
        freePages: { value: memFree, why: '' },
        leftPages: { value: memFree, why: '' },
      },
      problems,
      unknowns,
      nextSlot: 0,
    };
  }
  // qemu-xen-traditional has no ROM BARs (hvmloader's ROMBIOS path copies option ROMs itself).
  const romOf = (sz: number): BarSpec[] => (trad ? [] : [rom(sz)]);
  const romPages = (sz: number): number => (trad ? 0 : pow2ceil(sz) / 4096);

  devices.push(device(0x09, 'piix3-ide', [0x8086, 0x7010, 0x0101], [io(4, 16)]));
  if (input.usb) devices.push(device(0x0a, 'piix3-usb-uhci', [0x8086, 0x7020, 0x0c03], [io(4, 32)]));
  let slot = 2;
  if (input.platformPci.value) {
    devices.push(device(slot * 8, 'xen-platform', [0x5853, 0x0001, 0xff80], [io(0, 256), mem(1, 16 * MiB, true)]));
    slot++;
  }
  if (input.scsi) devices.push(device(slot++ * 8, 'lsi53c895a', [0x1000, 0x0012, 0x0100], [io(0, 256), mem(1, KiB), mem(2, 8 * KiB)]));

  let vramPages = 0;
  const vga = d.vga.value;
  const videoMiB = d.videoKb.value / 1024;
  if (vga === 'cirrus') {
    const vramMiB = trad ? 4 : videoMiB;
    if (!trad && ![4, 8, 16].includes(vramMiB)) {
      problems.push({ stage: 'qemu', code: 'videoram-invalid', message: `Invalid cirrus_vga ram size '${vramMiB}'`, fatal: true });
    }
    vramPages = vramMiB * 256;
    devices.push(
      device(slot++ * 8, 'cirrus-vga', [0x1013, 0x00b8, 0x0300], [mem(0, 32 * MiB, true), mem(1, 4 * KiB), ...romOf(VGA_ROM)], vramPages + romPages(VGA_ROM), `${vramMiB} MiB of video memory${trad ? '' : ' + the 64 KiB VGA BIOS ROM'}`),
    );
  } else if (vga === 'stdvga') {
    // QEMU clamps VGA memory to 1–512 MiB and rounds it up to a power of two.
    const vramMiB = trad ? videoMiB : pow2ceil(Math.min(512, Math.max(1, videoMiB)));
    vramPages = vramMiB * 256;
    devices.push(
      device(slot++ * 8, 'VGA', [0x1234, 0x1111, 0x0300], [mem(0, vramMiB * MiB, true), mem(2, 4 * KiB), ...romOf(VGA_ROM)], vramPages + romPages(VGA_ROM), `${vramMiB} MiB of video memory${vramMiB !== videoMiB ? ` (QEMU rounds ${videoMiB} MiB up to a power of two)` : ''}${trad ? '' : ' + the 64 KiB VGA BIOS ROM'}`),
    );
  } else if (vga === 'qxl') {
    const half = Math.floor(videoMiB / 2);
    const part = pow2ceil(Math.max(1, half));
    vramPages = 2 * part * 256;
    devices.push(
      device(slot++ * 8, 'qxl-vga', [0x1b36, 0x0100, 0x0300], [mem(0, part * MiB), mem(1, part * MiB), mem(2, 8 * KiB), io(3, 32), ...romOf(VGA_ROM)], vramPages + 2 + romPages(VGA_ROM), `2 × ${part} MiB (ram + vram) + the 8 KiB qxl ROM + the 64 KiB VGA BIOS ROM`),
    );
  }

  if (!input.usb && input.usbVersion === 1) devices.push(device(slot++ * 8, 'piix3-usb-uhci', [0x8086, 0x7020, 0x0c03], [io(4, 32)]));
  if (!input.usb && input.usbVersion === 2) {
    devices.push(device(0x1d * 8 + 7, 'ich9-usb-ehci1', [0x8086, 0x293a, 0x0c03], [mem(0, KiB)]));
    for (let f = 0; f < 3; f++) devices.push(device(0x1d * 8 + f, `ich9-usb-uhci${f + 1}`, [0x8086, 0x2934 + f, 0x0c03], [io(4, 32)]));
  }
  if (!input.usb && input.usbVersion === 3) devices.push(device(slot++ * 8, 'nec-usb-xhci', [0x1033, 0x0194, 0x0c03], [mem(0, 16 * KiB, false, true)]));

  if (input.soundhw) {
    const s = input.soundhw.toLowerCase();
    if (s === 'hda') devices.push(device(slot++ * 8, 'intel-hda', [0x8086, 0x2668, 0x0403], [mem(0, 16 * KiB)]));
    else if (s === 'ac97') devices.push(device(slot++ * 8, 'AC97', [0x8086, 0x2415, 0x0401], [io(0, 256), io(1, 64)]));
    else if (s === 'es1370') devices.push(device(slot++ * 8, 'ES1370', [0x1274, 0x5000, 0x0401], [io(0, 64)]));
  }

  for (const nic of input.nics) {
    if (!nic.emulated) continue;
    const model = NIC_MODELS[nic.model];
    if (!model) {
      unknowns.push(`the BARs of the emulated NIC model "${nic.model}" (not modelled)`);
      slot++;
      continue;
    }
    devices.push(
      device(slot++ * 8, nic.model, [model.vendor, model.device, 0x0200], [...model.bars, ...romOf(model.romSize)], romPages(model.romSize), trad ? '' : `its ${size(model.romSize)} option ROM (iPXE)`, nic.ordinal),
    );
  }
  if (input.ahci) devices.push(device(slot++ * 8, 'ahci', [0x8086, 0x2922, 0x0106], [io(4, 32), mem(5, 4 * KiB)]));

  if (input.gfxPassthru.value) {
    unknowns.push('the guest pages QEMU uses for the VBIOS copy with `gfx_passthru` (IGD); not counted against the 1 MiB slack');
  }
  if (trad) unknowns.push("qemu-xen-traditional's device slots (assumed as qemu-xen's; only ties between equal-sized BARs depend on them)");

  const pages = devices.reduce((n, dev) => n + dev.ramPages, 0);
  const romTotal = pages - vramPages;
  const left = memFree - pages;
  if (left < 0) {
    problems.push({
      stage: 'qemu',
      code: 'qemu-page-budget',
      message: `xen: failed to populate ram (QEMU needs ${pages * 4} KiB for video memory and option ROMs but only ${Math.max(0, memFree) * 4} KiB are left under the guest's page limit)`,
      fatal: true,
    });
  }
  return {
    qemu: {
      devices,
      vramPages,
      romPages: romTotal,
      pages: { value: pages, why: devices.filter((x) => x.ramPages).map((x) => `${x.name}: ${x.ramPages} pages (${x.ramWhy})`).join('; ') || 'no VRAM or ROMs' },
      freePages: { value: memFree, why: "the guest's page limit (memory + 1 MiB) less what libxc populated" },
      leftPages: { value: left, why: left < 0 ? 'QEMU cannot allocate all of it: the device model fails to start' : 'left for hvmloader after QEMU' },
    },
    problems,
    unknowns,
    nextSlot: slot,
  };
}
