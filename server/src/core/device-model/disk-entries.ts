// The few facts the device-model plan needs from each `disk=[…]` entry (vdev and libxl's disk
// index for it, CD-ROM, read-only, target), read with the shared disk-spec parser. This is the
// one place the area reads disk specs.
//

import type { ConfigView, ListItem } from '../model/config-view';
import type { OffsetRange } from '../findings';
import type { XenVersion } from '../xen-version';
import { parseDiskSpec } from '../specs/disk';

export type VdevFamily = 'xvd' | 'hd' | 'sd' | 'dNpN' | 'number' | 'invalid';

export interface DiskEntry {
  /** Position in `disk=[…]`. */
  ordinal: number;
  /** The list item (the quoted spec string). */
  item: OffsetRange;
  spec: string;
  vdev?: string;
  /** Where the vdev text is in the document, when it can be located exactly. */
  vdevRange?: OffsetRange;
  family: VdevFamily;
  /** libxl's disk index (`libxl__device_disk_dev_number`), or undefined when it has none. */
  index?: number;
  cdrom: boolean;
  /** Read-only (access r/ro, or a CD-ROM). */
  readOnly: boolean;
  /** Where the access token is, when given positionally or as access=. */
  accessRange?: OffsetRange;
  target?: string;
  /** xl refuses the spec (the specs rules report why); the plan still uses what was read. */
  unreadable: boolean;
}

/** Reads `disk=[…]` as libxl will see it (only the fields above). */
export function readDiskEntries(view: ConfigView, xenVersion: XenVersion): DiskEntry[] {
  const list = view.list('disk');
  if (!list) return [];
  const out: DiskEntry[] = [];
  list.items.forEach((item, ordinal) => {
    if (item.value === null) return;
    out.push(readOne(item, ordinal, xenVersion));
  });
  return out;
}

function readOne(item: ListItem, ordinal: number, xenVersion: XenVersion): DiskEntry {
  const spec = item.value as string;
  // Exact offsets inside the quotes only when the string has no escapes (content = source).
  const exact = item.end - item.start - 2 === spec.length;
  const rangeOf = (f: { start: number; end: number } | undefined): OffsetRange | undefined =>
    exact && f ? { start: item.start + 1 + f.start, end: item.start + 1 + f.end } : undefined;
  const { spec: d } = parseDiskSpec(spec, { xenVersion });
  const vdev = d.vdev?.value;
  const numbered = vdev !== undefined ? vdevIndex(vdev) : { family: 'invalid' as VdevFamily };
  return {
    ordinal,
    item: { start: item.start, end: item.end },
    spec,
    vdev,
    vdevRange: rangeOf(d.vdev),
    family: numbered.family,
    index: numbered.index,
    cdrom: d.isCdrom,
    readOnly: !d.readwrite,
    accessRange: rangeOf(d.accessField),
    target: d.target?.value,
    unreadable: !d.accepted,
  };
}

/**
 * libxl's disk index for a vdev (`libxl__device_disk_dev_number` in libxl_device.c): letters
 * are bijective base 26 (`xvda` = 0, `xvdz` = 25, `xvdaa` = 26); `hd` allows a–d only and
 * `sd` a–p; `d<N>p<M>` gives N; a bare number has no index (libxl then cannot emulate it).
 */
export function vdevIndex(vdev: string): { family: VdevFamily; index?: number } {
  const d = /^d(\d+)p(\d+)$/.exec(vdev);
  if (d && Number(d[1]) < 1 << 20 && Number(d[2]) < 256) return { family: 'dNpN', index: Number(d[1]) };
  const xvd = lettersIndex(vdev, 'xvd', (1 << 20) - 1, 255);
  if (xvd !== undefined) return { family: 'xvd', index: xvd };
  if (/^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(vdev)) return { family: 'number' };
  const hd = lettersIndex(vdev, 'hd', 3, 63);
  if (hd !== undefined) return { family: 'hd', index: hd };
  const sd = lettersIndex(vdev, 'sd', 15, 15);
  if (sd !== undefined) return { family: 'sd', index: sd };
  return { family: 'invalid' };
}

function lettersIndex(vdev: string, prefix: string, maxIndex: number, maxPartition: number): number | undefined {
  if (!vdev.startsWith(prefix)) return undefined;
  let i = prefix.length;
  let index = -1;
  while (i < vdev.length && vdev[i] >= 'a' && vdev[i] <= 'z') {
    index = (index + 1) * 26 + (vdev.charCodeAt(i) - 97);
    if (index > maxIndex) return undefined;
    i++;
  }
  if (index < 0) return undefined; // no letters: libxl would compute a negative disk
  const part = vdev.slice(i);
  if (part === '') return index;
  if (part[0] === '0' || !/^\d+$/.test(part) || Number(part) > maxPartition) return undefined;
  return index;
}
