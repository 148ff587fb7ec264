// Shared helpers of the device-model rules: the plan, the document text for edits, and the
// few phrases every message uses.

import type { RuleContext } from '../context';
import type { Rule, RuleFinding } from '../rule';
import type { Severity, TextEdit } from '../../findings';
import { replaceString } from '../../device-model/edits';
import { deviceModelPlanOf, type DeviceModelPlan } from '../../device-model/plan';
import { guestTypeLabel } from '../../device-model/guest-type';

export { deviceModelPlanOf, guestTypeLabel };
export type { DeviceModelPlan };

export function textOf(ctx: RuleContext): string {
  return ctx.parsed.text;
}

/** A rule whose check is skipped when xl already refuses the guest type (nothing else runs). */
export function dmRule(
  slug: string,
  defaultSeverity: Severity,
  description: string,
  check: (ctx: RuleContext, plan: DeviceModelPlan) => RuleFinding[],
): Rule {
  return {
    slug,
    defaultSeverity,
    description,
    check(ctx) {
      const plan = deviceModelPlanOf(ctx);
      if (plan.guestTypeInvalid !== undefined) return [];
      return check(ctx, plan);
    },
  };
}

/** The range of the value of the effective assignment of `name`. */
export function valueRange(ctx: RuleContext, name: string): { start: number; end: number } | undefined {
  const s = ctx.view.setting(name);
  return s ? { start: s.value.start, end: s.value.end } : undefined;
}

/** The range of the key of the effective assignment of `name`. */
export function keyRange(ctx: RuleContext, name: string): { start: number; end: number } | undefined {
  const s = ctx.view.setting(name);
  return s ? { start: s.nameStart, end: s.nameEnd } : undefined;
}

/** "Xen 4.13" / "Xen 4.16–4.20" / "Xen 4.21 and later" for messages. */
export function onXen(ctx: RuleContext): string {
  return `Xen ${ctx.xenVersion}`;
}

/** The `bios`/`firmware` value that asks for ROMBIOS, if one does. */
export function rombiosSource(plan: DeviceModelPlan): { start: number; end: number } | undefined {
  return plan.firmware?.value === 'rombios' ? plan.firmware.source : undefined;
}

/** Edits moving a ROMBIOS guest to SeaBIOS (needed whenever it leaves qemu-xen-traditional). */
export function toSeabios(text: string, plan: DeviceModelPlan): TextEdit[] {
  const src = rombiosSource(plan);
  return src ? [replaceString(text, src, 'seabios')] : [];
}

/**
 * A vdev on a free IDE slot (hdc, hdd, then hdb) for each CD-ROM QEMU cannot place (in disk
 * order, shared by the two CD-ROM rules so their fixes do not collide); absent once the slots
 * run out.
 */
export function freeCdromVdevs(plan: DeviceModelPlan): Map<DeviceModelPlan['disks'][number], string> {
  const used = new Set(plan.disks.filter((d) => d.entry.family !== 'sd' && d.entry.index !== undefined).map((d) => d.entry.index));
  const slots = [2, 3, 1].filter((i) => !used.has(i)).map((i) => `hd${String.fromCharCode(97 + i)}`);
  const moving = plan.disks.filter((d) => d.entry.cdrom && (d.breaksQemu || d.notEmulatedBecause === 'cdrom-range'));
  return new Map(moving.slice(0, slots.length).map((d, k) => [d, slots[k]]));
}
