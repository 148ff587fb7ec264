// STUB-14: `xl cd-insert` is refused for stub domains up to 4.19, and for Mini-OS stub domains
// always; 4.20 (a18b50614d) made it work for Linux stub domains.
import { dmRule } from './support';
import { xenAtLeast } from '../../xen-version';

export const stubdomainCdInsert = dmRule(
  'stubdomain-cd-insert',
  'information',
  'a CD-ROM drive in a guest whose stub domain cannot change media',
  (ctx, plan) => {
    if (plan.runsIn.value !== 'stub-domain') return [];
    const refused = plan.stubdomainKind === 'mini-os' || !xenAtLeast(ctx.xenVersion, '4.20');
    if (!refused) return [];
    const cd = plan.disks.find((d) => d.entry.cdrom);
    if (!cd) return [];
    const msg = xenAtLeast(ctx.xenVersion, '4.20') ? "cdrom-insert doesn't work for Mini-OS stubdoms" : "cdrom-insert doesn't work for stub domains";
    return [
      {
        ...cd.entry.item,
        message:
          `The media in this CD-ROM cannot be changed while the guest runs: \`xl cd-insert\`/\`cd-eject\` are refused with "${msg}" on Xen ${ctx.xenVersion}` +
          (plan.stubdomainKind === 'linux' ? ' (Linux stub domains can from Xen 4.20).' : ' (Mini-OS stub domains never can).') +
          ' Put the right image here before starting the guest.',
      },
    ];
  },
);
