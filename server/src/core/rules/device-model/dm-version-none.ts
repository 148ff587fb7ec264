// DM-04: "none" (an HVM guest without device model) existed only in Xen 4.7–4.9; it became
// PVH. Every release xlcfg models refuses it.
import { dmRule } from './support';
import { quoted, removeSettingEdits, replaceSettingEdits } from '../../device-model/edits';

export const dmVersionNone = dmRule(
  'dm-version-none',
  'error',
  'device_model_version = "none", accepted only by Xen 4.7–4.9',
  (ctx, plan) => {
    const v = plan.versionSetting;
    if (!v || v.value !== 'none') return [];
    const text = ctx.parsed.text;
    const typeRange = ctx.view.string('type');
    const toPvh = typeRange
      ? [...removeSettingEdits(text, ctx.view, 'device_model_version'), { start: typeRange.start, end: typeRange.end, newText: '"pvh"' }]
      : replaceSettingEdits(text, ctx.view, 'device_model_version', `type = ${quoted('pvh')}`);
    return [
      {
        ...v.range,
        message:
          `xl ${ctx.xenVersion} will stop with \`Unknown device_model_version "none" specified\`: "none" existed only in Xen 4.7–4.9 and became PVH. ` +
          'Use type = "pvh" (with a PVH-capable kernel) instead.',
        fixes: [{ title: 'Make it a PVH guest', edits: toPvh, isPreferred: true }],
      },
    ];
  },
);
