// Key name → the parser of the spec language its string values are written in, and how
// xl reads the key (which decides which strings reach the parser).

import type { SpecParseOptions, SpecParseResult } from './types';
import type { XenVersion } from '../xen-version';
import { parseDiskSpec } from './disk';
import { parsePciSpec } from './pci';
import { parseRdmSpec } from './rdm';
import { parseVifSpec } from './vif';
import { parseCpusSpec } from './cpus';
import { parseUsbctrlSpec } from './usbctrl';
import { parseUsbdevSpec } from './usbdev';
import { parseVtpmSpec } from './vtpm';
import { parsePvcallsSpec } from './pvcalls';
import { parseVkbSpec } from './vkb';
import { parseVdisplSpec } from './vdispl';
import { parseVfbSpec } from './vfb';
import { parseVirtioSpec } from './virtio';
import { parseChannelSpec } from './channel';
import { parseP9Spec } from './p9';
import { parseVsndItemSpec } from './vsnd';
import { parseViridianSpec } from './viridian';
import { parseVnumaOptionSpec } from './vnuma';
import { parseCpuidSpec } from './cpuid';
import { parseSmbiosSpec } from './smbios';
import { parseXenstoreQuotaSpec } from './xenstore-quota';
import { parseArmSciSpec } from './arm-sci';
import { parseIomemSpec, parseIoportsSpec, parseIrqsSpec, parseLlcColorsSpec, parseMcaCapsSpec } from './io-ranges';

export type { SpecField, SpecProblem, SpecParseResult, SpecParseOptions, XlReaction } from './types';
export { parseDiskSpec, type DiskSpec } from './disk';
export { parsePciSpec, readBdf, type PciSpec, type PciBdf } from './pci';
export { parseRdmSpec, type RdmSpec } from './rdm';
export { parseVifSpec, parseVifRate, type VifSpec } from './vif';
export { parseCpusSpec, type CpusSpec } from './cpus';
export { parseUsbctrlSpec, type UsbctrlSpec } from './usbctrl';
export { parseUsbdevSpec, type UsbdevSpec } from './usbdev';
export { parseVtpmSpec, type VtpmSpec } from './vtpm';
export { parsePvcallsSpec, type PvcallsSpec } from './pvcalls';
export { parseVkbSpec, type VkbSpec } from './vkb';
export { parseVdisplSpec, type VdisplSpec } from './vdispl';
export { parseVfbSpec, type VfbSpec } from './vfb';
export { parseVirtioSpec, type VirtioSpec } from './virtio';
export { parseChannelSpec, type ChannelSpec } from './channel';
export { parseP9Spec, type P9Spec } from './p9';
export { parseVsndItemSpec, type VsndItemSpec } from './vsnd';
export { parseViridianSpec, viridianGroups, type ViridianItemSpec } from './viridian';
export { parseVnumaOptionSpec, type VnumaOptionSpec } from './vnuma';
export { parseCpuidSpec, type CpuidSpec } from './cpuid';
export { parseSmbiosSpec, SMBIOS_TYPES, type SmbiosSpec } from './smbios';
export { parseXenstoreQuotaSpec, type XenstoreQuotaSpec } from './xenstore-quota';
export { parseArmSciSpec, type ArmSciSpec } from './arm-sci';
export { parseIomemSpec, parseIoportsSpec, parseIrqsSpec, parseLlcColorsSpec, parseMcaCapsSpec } from './io-ranges';

/**
 * How xl reads the key:
 * - `list`: a list of strings, one spec each; xl stops at the first item that is not a string;
 * - `string`: one spec string;
 * - `string-or-list`: one string for all, or a list with one string per element;
 * - `list-of-lists`: a list whose elements are lists of strings, one spec per string;
 * - `list-or-boolean`: a list of strings, or a single value read as a boolean
 *   (the parser is then called with `scalar: true`).
 */
export type SpecShape = 'list' | 'string' | 'string-or-list' | 'list-of-lists' | 'list-or-boolean';

export interface SpecLanguage {
  key: string;
  shape: SpecShape;
  parse(text: string, options?: SpecParseOptions & { scalar?: boolean }): SpecParseResult<unknown>;
  /**
   * What xl does with an inner item that is not a string, for list-of-lists: `stop` reading
   * that inner list, or `skip` it.
   */
  innerNonString?: 'stop' | 'skip';
  /**
   * What xl does with a list element that is not a string: stop reading the list (the
   * default), crash, or crash for the vCPUs from there on (cpus/cpus_soft).
   */
  nonString?: 'stop' | 'crash' | 'crash-affinity' | 'fatal';
  /** For `fatal`: xl's message, with %d for the element's index. */
  nonStringMessage?: string;
  /** The first release whose xl reads the key (older ones ignore it, so nothing is parsed). */
  since?: XenVersion;
}

const LANGUAGES: SpecLanguage[] = [
  { key: 'disk', shape: 'list', parse: parseDiskSpec },
  { key: 'pci', shape: 'list', parse: parsePciSpec },
  { key: 'rdm', shape: 'string', parse: parseRdmSpec },
  { key: 'vif', shape: 'list', parse: parseVifSpec },
  { key: 'cpus', shape: 'string-or-list', parse: (t, o) => parseCpusSpec(t, { ...o, affinity: 'hard' }), nonString: 'crash-affinity' },
  { key: 'cpus_soft', shape: 'string-or-list', parse: (t, o) => parseCpusSpec(t, { ...o, affinity: 'soft' }), nonString: 'crash-affinity' },
  { key: 'usbctrl', shape: 'list', parse: parseUsbctrlSpec },
  { key: 'usbdev', shape: 'list', parse: parseUsbdevSpec },
  { key: 'vtpm', shape: 'list', parse: parseVtpmSpec },
  { key: 'pvcalls', shape: 'list', parse: parsePvcallsSpec },
  { key: 'vkb', shape: 'list', parse: parseVkbSpec },
  { key: 'vdispl', shape: 'list', parse: parseVdisplSpec },
  { key: 'vfb', shape: 'list', parse: parseVfbSpec },
  { key: 'virtio', shape: 'list', parse: parseVirtioSpec, since: '4.18' },
  { key: 'channel', shape: 'list', parse: parseChannelSpec },
  { key: 'p9', shape: 'list', parse: parseP9Spec },
  { key: 'vsnd', shape: 'list-of-lists', parse: parseVsndItemSpec, innerNonString: 'stop' },
  { key: 'vnuma', shape: 'list-of-lists', parse: parseVnumaOptionSpec, innerNonString: 'skip' },
  { key: 'viridian', shape: 'list-or-boolean', parse: parseViridianSpec, nonString: 'crash' },
  { key: 'cpuid', shape: 'string-or-list', parse: parseCpuidSpec },
  { key: 'smbios', shape: 'list', parse: parseSmbiosSpec, nonString: 'fatal', nonStringMessage: 'xl: Unable to get element #%d in smbios list', since: '4.18' },
  { key: 'xenstore_quota', shape: 'list', parse: parseXenstoreQuotaSpec, nonString: 'fatal', nonStringMessage: "xl: Can't get element %d in Xenstore quota list", since: '4.22' },
  { key: 'arm_sci', shape: 'string', parse: parseArmSciSpec, since: '4.21' },
  { key: 'iomem', shape: 'list', parse: parseIomemSpec, nonString: 'fatal', nonStringMessage: 'xl: Unable to get element %d in iomem list' },
  { key: 'ioports', shape: 'list', parse: parseIoportsSpec, nonString: 'fatal', nonStringMessage: 'xl: Unable to get element #%d in ioport list' },
  { key: 'irqs', shape: 'list', parse: parseIrqsSpec, nonString: 'fatal', nonStringMessage: 'xl: Unable to get element %d in irq list' },
  { key: 'llc_colors', shape: 'list', parse: parseLlcColorsSpec, nonString: 'fatal', nonStringMessage: "xl: Can't get element %d in LLC color list", since: '4.20' },
  { key: 'mca_caps', shape: 'list', parse: parseMcaCapsSpec, nonString: 'crash' },
];

export const SPEC_LANGUAGES: ReadonlyMap<string, SpecLanguage> = new Map(LANGUAGES.map((l) => [l.key, l]));

export function specLanguageFor(key: string): SpecLanguage | undefined {
  return SPEC_LANGUAGES.get(key);
}
