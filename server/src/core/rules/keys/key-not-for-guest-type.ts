// A key that does nothing for the guest type xl builds: either xl does not read it for this
// type at all, or it reads it and nothing uses it. xl says nothing either way.

import type { Rule, RuleFinding } from '../rule';
import { keyExistsIn } from '../../catalog';
import type { GuestType } from '../../catalog/types';
import { factsOf } from './catalog-index';
import { libxlRefusals } from './libxl-rejects-config';
import { fix, guestLabel, guestTypeOf, nameRange, removeAssignment, xlExitAt } from './support';

// Explained by the device-model checks with their device-model context: hvm-key-ignored,
// hdtype-ignored, bios-path-override-ignored, pvshim-ignored, stubdomain-key-ignored, stubdomain-not-hvm.
const EXPLAINED_ELSEWHERE = new Set([
  'bios', 'vga', 'stdvga', 'xen_platform_pci', 'soundhw', 'usb', 'usbdevice', 'serial', 'boot', 'viridian',
  'hdtype', 'bios_path_override', 'pvshim', 'pvshim_path', 'pvshim_cmdline', 'pvshim_extra',
  'stubdomain_kernel', 'stubdomain_ramdisk', 'stubdomain_memory', 'stubdomain_cmdline', 'device_model_stubdomain_override',
]);

// The catalog lists these as HVM-only, but libxl__arch_domain_create (libxl_x86.c) applies
// them to every x86 guest: the RTC/wallclock offset is set whatever the type.
const USED_BY_EVERY_TYPE = new Set(['localtime', 'rtc_timeoffset']);

const LABEL: Record<GuestType, string> = { pv: 'PV', pvh: 'PVH', hvm: 'HVM' };
const list = (types: GuestType[], joiner = ' and ') => types.map((t) => LABEL[t]).join(joiner);

export const keyNotForGuestType: Rule = {
  slug: 'key-not-for-guest-type',
  defaultSeverity: 'warning',
  description: 'A key that has no effect on this guest type (PV, PVH or HVM): xl ignores it silently.',
  check(ctx) {
    const type = guestTypeOf(ctx);
    if (!type) return [];
    const out: RuleFinding[] = [];
    for (const name of ctx.view.names()) {
      if (EXPLAINED_ELSEWHERE.has(name) || USED_BY_EVERY_TYPE.has(name)) continue;
      const f = factsOf(name);
      if (!f || !keyExistsIn(f.entry, ctx.xenVersion)) continue;
      const e = f.entry;
      if (e.guestTypes.includes(type)) continue;
      const s = ctx.view.setting(name)!;
      // xl refuses some keys outright on the wrong type (timer_mode on PV): that is an error, reported with xl's words.
      if (xlExitAt(ctx, name, s.value)) continue;
      // libxl refuses some instead of ignoring them (vnuma on PV): libxl-rejects-config says so.
      if (libxlRefusals(ctx).some((r) => r.key === name)) continue;
      const why = e.readFor.includes(type)
        ? `xl reads \`${name}\` but nothing uses it on ${guestLabel(type)} guest: it matters for ${list(e.guestTypes)} guests only`
        : `xl does not read \`${name}\` for ${guestLabel(type)} guest: it is read for ${list(e.readFor)} guests only`;
      const removeAll = ctx.view.all(name).map((x) => removeAssignment(ctx.parsed.text, x));
      out.push({
        ...nameRange(s),
        message: `${why} (all releases that know the key), so this setting is ignored without a word. Remove it, or check \`type\` if this guest should be ${list(e.guestTypes)}.`,
        fixes: [fix(`Remove \`${name}\``, removeAll, true)],
        tags: ['unnecessary'],
      });
    }
    return out;
  },
};
