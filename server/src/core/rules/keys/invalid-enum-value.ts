// A value outside the names xl (or libxl's *_from_string) accepts for an enumerated key: most
// make `xl create` stop; a few are not checked by xl and fail later in QEMU. Offers the
// closest accepted names as quick fixes.

import type { Rule, RuleFinding } from '../rule';
import type { RuleContext } from '../context';
import { enumValueAccepted, keyExistsIn, keyInfo } from '../../catalog';
import { guestTypeOfBuilderValue, guestTypeOfTypeValue } from '../../model/domain';
import { xlStrtol } from '../../model/strtol';
import { LibxlPrinter } from '../../model/domain/libxl-json';
import { XEN_VERSIONS, type XenVersion } from '../../xen-version';
import { factsOf } from './catalog-index';
import { closest } from './did-you-mean';
import { describeExit, fix, guestTypeOf, replaceValue, xlExitAt } from './support';

// bios, device_model_version, firmware and hdtype: the device-model checks (bios-invalid,
// dm-version-unknown, pv-firmware-invalid, hdtype-invalid); spec-string keys: the spec checks.
export const ENUM_KEYS = [
  'altp2m', 'builder', 'gfx_passthru', 'gic_version', 'ms_vm_genid', 'on_crash', 'on_poweroff', 'on_reboot', 'on_soft_reset',
  'on_watchdog', 'passthrough', 'spice_image_compression', 'spice_streaming_video', 'sve', 'tee', 'timer_mode', 'tsc_mode',
  'type', 'vendor_device', 'vga', 'vuart',
] as const;

// Fatal message templates (with %s) per key, from the catalog, found once.
const TEMPLATE = new Map<string, string>();
for (const k of ENUM_KEYS) {
  const m = factsOf(k)!.entry.xlMessages.find((x) => x.fatal && x.message.includes('%s'));
  if (m) TEMPLATE.set(k, m.message);
}
const NUMERIC_FIRST = new Set(['altp2m', 'gfx_passthru', 'timer_mode', 'tsc_mode']);

// Keys xl converts with libxl's *_from_string (case-insensitive, and every name of the libxl
// enumeration counts, "unknown" included), keyed by the libxl enumeration's name.
const LIBXL_ENUM: Record<string, string> = {
  altp2m: 'altp2m_mode', gfx_passthru: 'gfx_passthru_kind', gic_version: 'gic_version', passthrough: 'passthrough',
  sve: 'sve_type', tee: 'tee_type', timer_mode: 'timer_mode', tsc_mode: 'tsc_mode', vendor_device: 'vendor_device', vuart: 'vuart_type',
};
const LIBXL_NAMES = new Map<string, Map<string, Set<string>>>();
for (const release of XEN_VERSIONS) {
  const printer = new LibxlPrinter(release);
  const byKey = new Map<string, Set<string>>();
  for (const [key, enumName] of Object.entries(LIBXL_ENUM)) {
    const t = printer.enumType(enumName);
    if (t) byKey.set(key, new Set(t.values.map(([, n]) => n.toLowerCase())));
  }
  LIBXL_NAMES.set(release, byKey);
}

/** True when xl (and libxl's name table) of `release` accepts `value` for the enum key `key`. */
export function acceptedOn(release: XenVersion, key: string, value: string): boolean {
  if (key === 'type') return guestTypeOfTypeValue(value) !== undefined;
  if (key === 'builder') return guestTypeOfBuilderValue(value) !== undefined;
  const entry = keyInfo(key, release);
  if (!entry) return false;
  const libxl = LIBXL_NAMES.get(release)?.get(key);
  if (libxl) return libxl.has(value.toLowerCase());
  return enumValueAccepted(entry, value, release);
}

/** "; Xen 4.19 and later accept it" when another supported release takes the value. */
function otherReleases(key: string, value: string): string {
  const ok = XEN_VERSIONS.filter((r) => acceptedOn(r, key, value));
  if (!ok.length) return '';
  const contiguousToNewest = ok[ok.length - 1] === XEN_VERSIONS[XEN_VERSIONS.length - 1];
  return contiguousToNewest ? `; Xen ${ok[0]} and later accept it` : `; Xen ${ok.join(', ')} accept it`;
}

export type KeyedFinding = RuleFinding & { key: string };

/** The findings of this check, computed once per run (the xl-message checks skip what it explains). */
export function enumProblems(ctx: RuleContext): KeyedFinding[] {
  return ctx.memo('keys:enum-problems', compute);
}

export const invalidEnumValue: Rule = {
  slug: 'invalid-enum-value',
  defaultSeverity: 'error',
  description: 'A value that is not one of the names xl accepts for the key.',
  check: (ctx) => enumProblems(ctx).map(({ key: _key, ...f }) => f),
};

function compute(ctx: RuleContext): KeyedFinding[] {
  const type = guestTypeOf(ctx);
  const out: KeyedFinding[] = [];
  for (const key of ENUM_KEYS) {
    const v = ctx.view.string(key);
    if (!v) continue;
    const f = factsOf(key)!;
    if (!keyExistsIn(f.entry, ctx.xenVersion)) continue;
    if (type && !f.entry.readFor.includes(type)) continue;
    if (NUMERIC_FIRST.has(key) && xlStrtol(v.value).ok) continue;
    if (acceptedOn(ctx.xenVersion, key, v.value)) continue;
    const values = (keyInfo(key, ctx.xenVersion)!.enumValues ?? []).filter((x) => acceptedOn(ctx.xenVersion, key, x));
    const guesses = closest(v.value, values);
    const exit = xlExitAt(ctx, key, v);
    const template = TEMPLATE.get(key);
    const choices = `Accepted: ${values.map((x) => `"${x}"`).join(', ')}${key === 'type' || key === 'builder' ? ' (or a prefix of one)' : ''}.`;
    let message: string;
    let severity: 'error' | 'warning' = 'error';
    const elsewhere = otherReleases(key, v.value);
    if (exit) message = `${describeExit(exit)} (Xen ${ctx.xenVersion}${elsewhere}). ${choices}`;
    else if (template) message = `\`xl create\` stops with \`${template.replace('%s', v.value)}\` and the domain is not created (Xen ${ctx.xenVersion}${elsewhere}). ${choices}`;
    else {
      severity = 'warning';
      message = `xl does not check \`${key}\` and hands the value to QEMU, which refuses names it does not know, so the device model (and with it the guest) is likely to fail to start (all releases). ${choices}`;
    }
    out.push({
      key,
      start: v.start,
      end: v.end,
      severity,
      message,
      fixes: guesses.map((g, i) => fix(`Use "${g}"`, [replaceValue(ctx.parsed.text, v, g)], i === 0)),
    });
  }
  return out;
}
