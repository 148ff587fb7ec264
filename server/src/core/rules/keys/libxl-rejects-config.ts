// Checks libxl makes on the configuration xl hands it, before it builds anything
// (libxl_create.c, libxl_x86.c): values xl accepts but libxl refuses, so `xl create` fails
// after reading the config. Each entry names the release range it holds for.

import type { Rule, RuleFinding } from '../rule';
import type { RuleContext } from '../context';
import type { OffsetRange, RelatedNote } from '../../findings';
import { xenAtLeast } from '../../xen-version';
import { xlStrtol } from '../../model/strtol';
import { guestTypeOf } from './support';

interface LibxlRefusal extends OffsetRange {
  key: string;
  /** libxl's log line. */
  libxl: string;
  why: string;
  todo: string;
  related?: RelatedNote[];
}

const num = (ctx: RuleContext, key: string) => ctx.view.long(key);
const on = (ctx: RuleContext, key: string) => ctx.view.defbool(key)?.value === true;

/** altp2m is enabled: a mode other than disabled (by name or number), or the old altp2mhvm on HVM. */
function altp2mSource(ctx: RuleContext, hvm: boolean): OffsetRange & { key: string } | undefined {
  const a = ctx.view.string('altp2m');
  if (a) {
    const n = xlStrtol(a.value);
    if (n.ok ? n.value !== 0n : a.value.toLowerCase() !== 'disabled') return { key: 'altp2m', start: a.start, end: a.end };
  }
  const old = ctx.view.defbool('altp2mhvm');
  if (hvm && old?.value) return { key: 'altp2mhvm', start: old.start, end: old.end };
  return undefined;
}

/** Populate-on-demand: an HVM guest started with less memory than maxmem. */
function podSource(ctx: RuleContext, hvm: boolean): OffsetRange | undefined {
  const mem = num(ctx, 'memory');
  const max = num(ctx, 'maxmem');
  return hvm && mem && max && mem.value < max.value ? { start: max.start, end: max.end } : undefined;
}

export function libxlRefusals(ctx: RuleContext): LibxlRefusal[] {
  return ctx.memo('keys:libxl-refusals', compute);
}

function compute(ctx: RuleContext): LibxlRefusal[] {
  const type = guestTypeOf(ctx);
  if (!type) return [];
  const hvm = type === 'hvm';
  const out: LibxlRefusal[] = [];

  const tsc = ctx.view.string('tsc_mode');
  const tscNumber = tsc ? xlStrtol(tsc.value) : undefined;
  if (tsc && (tsc.value.toLowerCase() === 'native_paravirt' || (tscNumber?.ok && tscNumber.value === 3n))) {
    out.push({
      key: 'tsc_mode', start: tsc.start, end: tsc.end,
      libxl: 'TSC Mode native_paravirt (a.k.a PVRDTSCP) has been removed',
      why: 'xl accepts the mode, but the hypervisor feature behind it was removed', todo: 'Use "native" or "default".',
    });
  }

  const grant = num(ctx, 'max_grant_version');
  if (grant && xenAtLeast(ctx.xenVersion, '4.16') && grant.value > 15n && grant.value <= 2147483647n) {
    out.push({
      key: 'max_grant_version', start: grant.start, end: grant.end,
      libxl: `max grant version ${grant.value} out of range`,
      why: 'libxl takes only the versions Xen\'s domain-creation call can carry (0–15; Xen itself knows 1 and 2)', todo: 'Use 1 or 2, or leave it out for the highest the host supports.',
    });
  }

  const nested = ctx.view.defbool('nestedhvm');
  const altp2m = altp2mSource(ctx, hvm);
  if (nested?.value && altp2m && type !== 'pv') {
    out.push({
      key: 'nestedhvm', start: nested.start, end: nested.end,
      libxl: 'nestedhvm and altp2mhvm cannot be used together',
      why: `nested virtualisation and alternate p2m (\`${altp2m.key}\`) exclude each other`, todo: 'Turn one of them off.',
      related: [{ start: altp2m.start, end: altp2m.end, message: 'altp2m is enabled here' }],
    });
  }

  const pod = podSource(ctx, hvm);
  if (pod && altp2m) {
    out.push({
      key: altp2m.key, start: altp2m.start, end: altp2m.end,
      libxl: 'Cannot enable PoD and ALTP2M at the same time',
      why: '`memory` below `maxmem` starts the guest in populate-on-demand mode, which altp2m does not support', todo: 'Set memory equal to maxmem, or turn altp2m off.',
      related: [{ ...pod, message: 'maxmem above memory: populate-on-demand' }],
    });
  }

  const vnuma = ctx.view.list('vnuma');
  if (vnuma && vnuma.items.length) {
    if (type === 'pv') {
      out.push({
        key: 'vnuma', start: vnuma.start, end: vnuma.end,
        libxl: 'PV vNUMA is not yet supported',
        why: 'libxl refuses a virtual NUMA topology for PV guests', todo: 'Remove vnuma, or use a PVH or HVM guest.',
      });
    } else if (pod) {
      out.push({
        key: 'vnuma', start: vnuma.start, end: vnuma.end,
        libxl: 'Cannot enable PoD and vNUMA at the same time',
        why: 'populate-on-demand (`memory` below `maxmem`) is not NUMA-aware', todo: 'Set memory equal to maxmem.',
        related: [{ ...pod, message: 'maxmem above memory: populate-on-demand' }],
      });
    }
  }

  if (hvm) {
    const usbversion = num(ctx, 'usbversion');
    const redir = num(ctx, 'spiceusbredirection');
    const wanted = (usbversion && usbversion.value !== 0n ? usbversion : undefined) ?? (redir && redir.value > 0n ? redir : undefined);
    const legacy = on(ctx, 'usb') ? ctx.view.setting('usb') : ctx.view.setting('usbdevice');
    if (wanted && legacy) {
      out.push({
        key: usbversion && usbversion.value !== 0n ? 'usbversion' : 'spiceusbredirection', start: wanted.start, end: wanted.end,
        libxl: 'usbversion and/or usbredirection cannot be enabled with usb and/or usbdevice parameters.',
        why: 'the USB controller keys and the legacy `usb`/`usbdevice` keys exclude each other', todo: 'Keep one way of adding USB: usbctrl/usbversion, or usb/usbdevice.',
        related: [{ start: legacy.value.start, end: legacy.value.end, message: `the legacy \`${legacy.name}\` setting` }],
      });
    }
  }
  return out;
}

export const libxlRejectsConfig: Rule = {
  slug: 'libxl-rejects-config',
  defaultSeverity: 'error',
  description: 'A value xl accepts but libxl refuses when it creates the domain.',
  check(ctx) {
    return libxlRefusals(ctx).map((r): RuleFinding => ({
      start: r.start,
      end: r.end,
      message: `libxl refuses to create the domain (all releases that read \`${r.key}\`): \`xl create\` fails with "${r.libxl}" — ${r.why}. ${r.todo}`,
      ...(r.related ? { related: r.related } : {}),
    }));
  },
};
