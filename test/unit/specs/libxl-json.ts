// Our parsed specs in the shape libxl prints its device structs (libxl_device_*_to_json:
// fields equal to their default are left out), so they compare with the oracle recordings
// of libxlutil's own sub-parsers.

import type { DiskSpec } from '../../../server/src/core/specs/disk';
import type { PciSpec } from '../../../server/src/core/specs/pci';

/** libxl prints a set defbool as "True" or "False". */
function defbool(v: boolean): string {
  return v ? 'True' : 'False';
}

export function diskToLibxl(s: DiskSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (v !== undefined) out[k] = v;
  };
  put('backend_domname', s.backendDomain?.value);
  put('pdev_path', s.target?.value);
  put('vdev', s.vdev?.value);
  put('backend', s.backendType?.value);
  put('format', s.format);
  put('script', s.script?.value);
  put('removable', s.removable ? 1 : undefined);
  put('readwrite', s.readwrite ? 1 : undefined);
  put('is_cdrom', s.isCdrom ? 1 : undefined);
  put('direct_io_safe', s.directIoSafe ? true : undefined);
  put('discard_enable', s.discard ? defbool(s.discard.value) : undefined);
  put('specification', s.specification?.value);
  put('colo_enable', s.colo ? defbool(s.colo.value) : undefined);
  put('colo_host', s.coloHost?.value);
  put('colo_port', s.coloPort?.value);
  put('colo_export', s.coloExport?.value);
  put('active_disk', s.activeDisk?.value);
  put('hidden_disk', s.hiddenDisk?.value);
  put('trusted', s.trusted ? defbool(s.trusted.value) : undefined);
  put('grant_usage', s.grantUsage ? defbool(s.grantUsage.value) : undefined);
  return out;
}

/** The PCI struct as the oracle starts it (libxl_device_pci_init defaults, no xl globals). */
export function pciToLibxl(s: PciSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (v !== undefined && v !== 0 && v !== false) out[k] = v;
  };
  const b = s.bdf;
  put('func', b?.func.value ?? undefined);
  put('dev', b?.dev.value);
  put('bus', b?.bus.value);
  put('domain', b?.domain.value);
  put('vdevfn', s.vslot ? s.vslot.value << 3 : undefined);
  put('vfunc_mask', b ? (b.func.value === null ? 4294967295 : 1) : undefined);
  put('msitranslate', s.msitranslate?.value);
  put('power_mgmt', s.powerMgmt?.value);
  put('permissive', s.permissive?.value);
  put('seize', s.seize?.value);
  put('rdm_policy', s.rdmPolicy?.value);
  put('name', s.name?.value);
  return out;
}

/** Key order does not matter to the comparison. */
export function sorted(o: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!o) return o;
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
