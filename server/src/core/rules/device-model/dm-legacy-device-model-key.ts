// DM-06: the xm-era `device_model` key is ignored by xl with two WARNING lines (and a hint
// about stub domains when the value names stubdom-dm).
import { dmRule, keyRange } from './support';
import { fix, removeKeyFix, replaceSettingEdits } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const dmLegacyDeviceModelKey = dmRule(
  'dm-legacy-device-model-key',
  'information',
  'the legacy device_model key, which xl ignores',
  (ctx, plan) => {
    const v = ctx.view.string('device_model');
    if (!v) return [];
    const text = ctx.parsed.text;
    const stub = v.value.includes('stubdom-dm');
    const hvm = plan.guestType.value === 'hvm';
    // Before 4.14 a stub domain cannot run qemu-xen, so the replacement would be refused.
    const stubPossible = hvm && (plan.deviceModel.value !== 'qemu-xen' || xenAtLeast(ctx.xenVersion, '4.14'));
    const fixes = [removeKeyFix(text, ctx.view, 'device_model', !(stub && stubPossible))];
    if (stub && stubPossible && !ctx.view.has('device_model_stubdomain_override')) {
      fixes.unshift(
        fix(
          'Replace with device_model_stubdomain_override = 1',
          replaceSettingEdits(text, ctx.view, 'device_model', 'device_model_stubdomain_override = 1'),
          true,
        ),
      );
    }
    return [
      {
        ...keyRange(ctx, 'device_model')!,
        message:
          'xl ignores `device_model` on every release ("WARNING: ignoring device_model directive."); the default device model runs instead. ' +
          (stub
            ? hvm
              ? 'To run QEMU in a stub domain use device_model_stubdomain_override = 1.'
              : `Stub domains are for HVM guests only; this ${plan.guestType.value.toUpperCase()} guest gets none.`
            : 'To run another binary use device_model_override (with device_model_version).'),
        fixes,
        tags: ['unnecessary'],
      },
    ];
  },
);
