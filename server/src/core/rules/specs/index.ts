// The specs checks, in the order their findings are reported.
import type { Rule } from '../rule';
import { diskSpecRule } from './disk-spec';
import { pciSpecRule } from './pci-spec';
import { rdmSpecRule } from './rdm-spec';
import { vifSpecRule } from './vif-spec';
import { cpusSpecRule } from './cpus-spec';
import { cpusSoftSpecRule } from './cpus-soft-spec';
import { usbctrlSpecRule } from './usbctrl-spec';
import { usbdevSpecRule } from './usbdev-spec';
import { vtpmSpecRule } from './vtpm-spec';
import { pvcallsSpecRule } from './pvcalls-spec';
import { vkbSpecRule } from './vkb-spec';
import { vdisplSpecRule } from './vdispl-spec';
import { vfbSpecRule } from './vfb-spec';
import { virtioSpecRule } from './virtio-spec';
import { channelSpecRule } from './channel-spec';
import { p9SpecRule } from './p9-spec';
import { vsndSpecRule } from './vsnd-spec';
import { vnumaSpecRule } from './vnuma-spec';
import { viridianSpecRule } from './viridian-spec';
import { cpuidSpecRule } from './cpuid-spec';
import { xenstoreQuotaSpecRule } from './xenstore-quota-spec';
import { smbiosSpecRule } from './smbios-spec';
import { armSciSpecRule } from './arm-sci-spec';
import { iomemSpecRule } from './iomem-spec';
import { ioportsSpecRule } from './ioports-spec';
import { irqsSpecRule } from './irqs-spec';
import { llcColorsSpecRule } from './llc-colors-spec';
import { mcaCapsSpecRule } from './mca-caps-spec';

export const specsRules: Rule[] = [
  diskSpecRule,
  pciSpecRule,
  rdmSpecRule,
  vifSpecRule,
  cpusSpecRule,
  cpusSoftSpecRule,
  usbctrlSpecRule,
  usbdevSpecRule,
  vtpmSpecRule,
  pvcallsSpecRule,
  vkbSpecRule,
  vdisplSpecRule,
  vfbSpecRule,
  virtioSpecRule,
  channelSpecRule,
  p9SpecRule,
  vsndSpecRule,
  vnumaSpecRule,
  viridianSpecRule,
  cpuidSpecRule,
  xenstoreQuotaSpecRule,
  smbiosSpecRule,
  armSciSpecRule,
  iomemSpecRule,
  ioportsSpecRule,
  irqsSpecRule,
  llcColorsSpecRule,
  mcaCapsSpecRule,
];
