// The device-model checks (device model choice, stub domains, platform device and unplug,
// firmware, PVH boot), in the order their findings are reported. The analysis they share is
// the plan in core/device-model (deviceModelPlanOf).
import type { Rule } from '../rule';
import { dmVersionUnknown } from './dm-version-unknown';
import { dmVersionTraditionalRemoved } from './dm-version-traditional-removed';
import { dmVersionTraditionalDeprecated } from './dm-version-traditional-deprecated';
import { dmVersionNone } from './dm-version-none';
import { dmOverrideWithoutVersion } from './dm-override-without-version';
import { dmLegacyDeviceModelKey } from './dm-legacy-device-model-key';
import { dmVersionImplicit } from './dm-version-implicit';
import { stubdomainQemuXenTooOld } from './stubdomain-qemu-xen-too-old';
import { stubdomainDefaultTraditional } from './stubdomain-default-traditional';
import { stubdomainVersionUnset } from './stubdomain-version-unset';
import { stubdomainNotHvm } from './stubdomain-not-hvm';
import { linuxStubdomainRequirements } from './linux-stubdomain-requirements';
import { linuxStubdomainNoGraphics } from './linux-stubdomain-no-graphics';
import { stubdomainNoSpice } from './stubdomain-no-spice';
import { linuxStubdomainOneNic } from './linux-stubdomain-one-nic';
import { linuxStubdomainPciPermissive } from './linux-stubdomain-pci-permissive';
import { stubdomainDirectKernelBoot } from './stubdomain-direct-kernel-boot';
import { stubdomainKeyIgnored } from './stubdomain-key-ignored';
import { linuxStubdomainMemoryLow } from './linux-stubdomain-memory-low';
import { stubdomainCdInsert } from './stubdomain-cd-insert';
import { stubdomainMemory } from './stubdomain-memory';
import { platformPciOffPvDisk } from './platform-pci-off-pv-disk';
import { platformPciOff } from './platform-pci-off';
import { platformPciBarUcIgnored } from './platform-pci-bar-uc-ignored';
import { ahciDiskNotUnplugged } from './ahci-disk-not-unplugged';
import { scsiDiskNotUnplugged } from './scsi-disk-not-unplugged';
import { handAddedDiskDuplicate } from './hand-added-disk-duplicate';
import { hdtypeInvalid } from './hdtype-invalid';
import { hdtypeIgnored } from './hdtype-ignored';
import { emulatedDiskReadOnly } from './emulated-disk-read-only';
import { diskBeyondEmulatedRange } from './disk-beyond-emulated-range';
import { cdromBeyondIdeChannels } from './cdrom-beyond-ide-channels';
import { cdromNotEmulated } from './cdrom-not-emulated';
import { ahciWindowsDriver } from './ahci-windows-driver';
import { rombiosRemoved } from './rombios-removed';
import { rombiosNeedsTraditional } from './rombios-needs-traditional';
import { biosNeedsQemuXen } from './bios-needs-qemu-xen';
import { biosInvalid } from './bios-invalid';
import { qxlNeedsQemuXen } from './qxl-needs-qemu-xen';
import { directKernelBootNeedsQemuXen } from './direct-kernel-boot-needs-qemu-xen';
import { spiceNeedsQemuXen } from './spice-needs-qemu-xen';
import { firmwarePathReplacesHvmloader } from './firmware-path-replaces-hvmloader';
import { firmwarePrefix } from './firmware-prefix';
import { biosPathOverrideWithoutBios } from './bios-path-override-without-bios';
import { biosPathOverrideIgnored } from './bios-path-override-ignored';
import { ovmfBuildRequired } from './ovmf-build-required';
import { ovmfWithoutVga } from './ovmf-without-vga';
import { ovmfNoNvram } from './ovmf-no-nvram';
import { bootDiskPvOnly } from './boot-disk-pv-only';
import { directBootWithoutKernel } from './direct-boot-without-kernel';
import { kernelHvmloaderIgnored } from './kernel-hvmloader-ignored';
import { ovmfVtpm } from './ovmf-vtpm';
import { pvNoBootSource } from './pv-no-boot-source';
import { pvhPvgrubFirmware } from './pvh-pvgrub-firmware';
import { firmwareWithKernel } from './firmware-with-kernel';
import { pvFirmwareInvalid } from './pv-firmware-invalid';
import { hvmKeyIgnored } from './hvm-key-ignored';
import { pvshimIgnored } from './pvshim-ignored';

export const deviceModelRules: Rule[] = [
  dmVersionUnknown,
  dmVersionTraditionalRemoved,
  dmVersionTraditionalDeprecated,
  dmVersionNone,
  dmOverrideWithoutVersion,
  dmLegacyDeviceModelKey,
  dmVersionImplicit,
  stubdomainQemuXenTooOld,
  stubdomainDefaultTraditional,
  stubdomainVersionUnset,
  stubdomainNotHvm,
  linuxStubdomainRequirements,
  linuxStubdomainNoGraphics,
  stubdomainNoSpice,
  linuxStubdomainOneNic,
  linuxStubdomainPciPermissive,
  stubdomainDirectKernelBoot,
  stubdomainKeyIgnored,
  linuxStubdomainMemoryLow,
  stubdomainCdInsert,
  stubdomainMemory,
  platformPciOffPvDisk,
  platformPciOff,
  platformPciBarUcIgnored,
  ahciDiskNotUnplugged,
  scsiDiskNotUnplugged,
  handAddedDiskDuplicate,
  hdtypeInvalid,
  hdtypeIgnored,
  emulatedDiskReadOnly,
  diskBeyondEmulatedRange,
  cdromBeyondIdeChannels,
  cdromNotEmulated,
  ahciWindowsDriver,
  rombiosRemoved,
  rombiosNeedsTraditional,
  biosNeedsQemuXen,
  biosInvalid,
  qxlNeedsQemuXen,
  directKernelBootNeedsQemuXen,
  spiceNeedsQemuXen,
  firmwarePathReplacesHvmloader,
  firmwarePrefix,
  biosPathOverrideWithoutBios,
  biosPathOverrideIgnored,
  ovmfBuildRequired,
  ovmfWithoutVga,
  ovmfNoNvram,
  bootDiskPvOnly,
  directBootWithoutKernel,
  kernelHvmloaderIgnored,
  ovmfVtpm,
  pvNoBootSource,
  pvhPvgrubFirmware,
  firmwareWithKernel,
  pvFirmwareInvalid,
  hvmKeyIgnored,
  pvshimIgnored,
];
