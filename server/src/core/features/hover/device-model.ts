// Hover on the keys that decide the device model and firmware (device_model_version,
// device_model_stubdomain_override, bios, firmware, hdtype, xen_platform_pci): what will run
// for this config on the selected Xen release — which QEMU and where, which firmware, and
// which disks and NICs the guest sees emulated and as PV. Pure: reads the shared plan.

import type { Analysis } from '../../analyze';
import type { HoverSection } from './index';
import { deviceModelPlanOf, type DeviceModelPlan } from '../../device-model/plan';
import { guestTypeLabel } from '../../device-model/guest-type';

const KEYS = new Set(['device_model_version', 'device_model_stubdomain_override', 'bios', 'firmware', 'hdtype', 'xen_platform_pci']);

export function deviceModelHover(analysis: Analysis, offset: number): HoverSection | null {
  const setting = analysis.view.settings.find((s) => KEYS.has(s.name) && offset >= s.start && offset <= s.end);
  if (!setting) return null;
  const plan = deviceModelPlanOf(analysis.context);
  const lines: string[] = [];
  const xen = `Xen ${plan.xen}`;
  const effective = analysis.view.setting(setting.name) === setting;
  if (!effective) lines.push(`*A later assignment of \`${setting.name}\` overrides this one; xl uses the last.*`, '');
  lines.push(`**${headline(setting.name, plan)}** on ${xen}`, '');
  lines.push(...summary(plan));
  return { start: setting.nameStart, end: setting.end, markdown: lines.join('\n') };
}

function headline(key: string, plan: DeviceModelPlan): string {
  switch (key) {
    case 'bios':
    case 'firmware':
      return plan.guestType.value === 'hvm' ? `Firmware: ${firmwareName(plan)}` : `Boot: ${guestTypeLabel(plan.guestType.value)} guests have no BIOS`;
    case 'hdtype':
      return `Disk controller: ${plan.guestType.value === 'hvm' ? plan.hdtype.value.toUpperCase() : 'none (no emulated disks)'}`;
    case 'xen_platform_pci':
      return `Xen platform device: ${plan.guestType.value !== 'hvm' ? 'not used' : plan.platformPci.value ? 'present' : 'absent'}`;
    case 'device_model_stubdomain_override':
      return `Device model location: ${where(plan)}`;
    default:
      return `Device model: ${dmName(plan)}`;
  }
}

function dmName(plan: DeviceModelPlan): string {
  const v = plan.deviceModel.value;
  if (v === 'refused') return 'refused by xl';
  if (v === 'unknown') return 'none usable (creation fails)';
  return v;
}

function where(plan: DeviceModelPlan): string {
  const r = plan.runsIn.value;
  if (r === 'stub-domain') return `a ${plan.stubdomainKind === 'linux' ? 'Linux' : 'Mini-OS'} stub domain`;
  if (r === 'nowhere') return 'nowhere (creation fails)';
  return plan.guestType.value === 'hvm' ? 'a dom0 process' : 'dom0, only for PV backends that need it';
}

function firmwareName(plan: DeviceModelPlan): string {
  if (plan.hvmloaderOverride) return `a replacement hvmloader (${plan.hvmloaderOverride.value})`;
  const f = plan.firmware?.value;
  return f === 'ovmf' ? 'OVMF (UEFI)' : f === 'seabios' ? 'SeaBIOS' : f === 'rombios' ? 'ROMBIOS' : 'none (the device model is not usable)';
}

function summary(plan: DeviceModelPlan): string[] {
  const out: string[] = [];
  const gt = plan.guestType;
  out.push(`- Guest type: ${guestTypeLabel(gt.value)} — ${gt.reason}`);
  out.push(`- Device model: ${dmName(plan)} — ${plan.deviceModel.reason}`);
  if (plan.mayFallBackToTraditional && plan.guestType.value === 'hvm') {
    out.push('  - if the host lacks qemu-xen, libxl silently uses qemu-xen-traditional (pin `device_model_version` to prevent it)');
  }
  out.push(`- Runs in: ${where(plan)} — ${plan.runsIn.reason}`);
  if (plan.stubdomainMemoryMiB) out.push(`- Stub domain memory: ${plan.stubdomainMemoryMiB.value} MiB on the host (${plan.stubdomainMemoryMiB.reason})`);
  if (plan.deviceModel.value === 'qemu-xen') out.push(`- QEMU assumed: ${plan.qemu.label}`);
  if (gt.value !== 'hvm') {
    out.push(`- Firmware: none — a ${guestTypeLabel(gt.value)} guest boots its kernel directly (kernel=, bootloader= or firmware="pvgrub32|64")`);
    out.push('- Disks and NICs: PV only; nothing is emulated');
    return out;
  }
  out.push(`- Firmware: ${firmwareName(plan)}${plan.firmware ? ` — ${plan.firmware.reason}` : ''}`);
  if (plan.firmware) {
    out.push(
      plan.firmware.value === 'ovmf'
        ? `  - can boot from PV-only disks${plan.platformPci.value ? '' : ', but not here: the platform device is off'}; no persistent UEFI variables`
        : '  - cannot read PV disks: the boot disk must be emulated',
    );
  }
  if (plan.biosPathOverride) out.push(`  - image loaded from ${plan.biosPathOverride.value}`);
  out.push(
    `- Platform device: ${plan.platformPci.value ? 'present (PV drivers can load and unplug the emulated copies)' : 'absent (no PV drivers, nothing unplugged)'} — ${plan.platformPci.reason}`,
  );
  out.push(`- Disk controller: ${plan.hdtype.value.toUpperCase()} for disks 0–${plan.emulatedDiskLimit - 1} — ${plan.hdtype.reason}`);
  if (plan.disks.length > 0) {
    out.push('', '| vdev | emulated as | PV | emulated copy after unplug |', '|---|---|---|---|');
    for (const d of plan.disks) {
      const em =
        d.notEmulatedBecause === 'not-modelled'
          ? 'chosen by qemu-xen-traditional'
          : d.emulated === 'none'
            ? 'not emulated'
            : d.emulated === 'ide-cd'
              ? 'IDE CD-ROM'
              : d.emulated.toUpperCase();
      const pv = plan.platformPci.value ? 'yes' : 'no (no platform device)';
      const unplug = d.unplugged === 'yes' ? 'removed' : d.unplugged === 'no' ? `**stays** (${d.unplugReason})` : '—';
      out.push(`| ${d.entry.vdev ?? '?'}${d.entry.cdrom ? ' (cdrom)' : ''} | ${em}${d.breaksQemu ? ' ⚠ QEMU likely fails' : ''} | ${pv} | ${unplug} |`);
    }
    out.push('');
  }
  if (plan.nics.length > 0) {
    const emulated = plan.nics.filter((n) => n.emulated).length;
    out.push(`- NICs: ${plan.nics.length} PV vif${plan.nics.length === 1 ? '' : 's'}, ${emulated} also emulated (type=ioemu, the HVM default)`);
  }
  return out;
}
