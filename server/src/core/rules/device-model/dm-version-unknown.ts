// DM-01: xl compares `device_model_version` with strcmp against the names it knows, so any
// other spelling (QEMU_XEN_TRADITIONAL as SUPPORT.md writes it, qemu-upstream, qemu-dm) ends
// `xl create` with `Unknown device_model_version "<v>" specified`.
import { dmRule } from './support';
import { fix, replaceString } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const dmVersionUnknown = dmRule(
  'dm-version-unknown',
  'error',
  'device_model_version is not a name xl knows',
  (ctx, plan) => {
    const v = plan.versionSetting;
    if (!v || v.accepted || v.value === 'qemu-xen-traditional' || v.value === 'none') return [];
    const lower = v.value.toLowerCase().replace(/_/g, '-');
    const meant = lower.includes('trad') && !xenAtLeast(ctx.xenVersion, '4.21') ? 'qemu-xen-traditional' : 'qemu-xen';
    const fixes = [fix(`Use "qemu-xen"`, replaceString(ctx.parsed.text, v.range, 'qemu-xen'), meant === 'qemu-xen')];
    if (meant === 'qemu-xen-traditional') fixes.unshift(fix(`Use "qemu-xen-traditional"`, replaceString(ctx.parsed.text, v.range, 'qemu-xen-traditional'), true));
    return [
      {
        ...v.range,
        message:
          `xl will stop with \`Unknown device_model_version "${v.value}" specified\` and create nothing: ` +
          `it accepts only the exact names ${xenAtLeast(ctx.xenVersion, '4.21') ? '"qemu-xen" (Xen 4.21 and later)' : '"qemu-xen" and "qemu-xen-traditional"'} on Xen ${ctx.xenVersion}. ` +
          `Write "${meant}".`,
        fixes,
      },
    ];
  },
);
