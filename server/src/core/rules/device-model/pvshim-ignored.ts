// PVH-06: pvshim (4.11, backported to 4.10.1) and its companions are read for PVH guests only.
import { dmRule, keyRange } from './support';
import { removeKeyFix } from '../../device-model/edits';
import type { RuleFinding } from '../rule';

export const pvshimIgnored = dmRule(
  'pvshim-ignored',
  'information',
  'pvshim keys on an HVM or PV guest',
  (ctx, plan) => {
    const t = plan.guestType.value;
    if (t === 'pvh') return [];
    const out: RuleFinding[] = [];
    for (const key of ['pvshim', 'pvshim_path', 'pvshim_cmdline', 'pvshim_extra']) {
      if (!ctx.view.has(key)) continue;
      out.push({
        ...keyRange(ctx, key)!,
        message:
          `\`${key}\` does nothing on ${t === 'hvm' ? 'an HVM' : 'a PV'} guest: the PV shim runs a PV kernel inside a PVH container, and xl reads it only for type = "pvh". ` +
          (t === 'pv' ? 'Set type = "pvh" to run this PV kernel under the shim, or remove it.' : 'Remove it.'),
        fixes: [removeKeyFix(ctx.parsed.text, ctx.view, key)],
        tags: ['unnecessary'],
      });
    }
    return out;
  },
);
