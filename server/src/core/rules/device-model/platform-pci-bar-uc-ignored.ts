// PLAT-03: xen_platform_pci_bar_uc exists from Xen 4.21 (22650d6054), is read for HVM only,
// and means nothing without the platform device.
import { dmRule, keyRange } from './support';
import { removeKeyFix } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const platformPciBarUcIgnored = dmRule(
  'platform-pci-bar-uc-ignored',
  'information',
  'xen_platform_pci_bar_uc where it has no effect',
  (ctx, plan) => {
    if (!ctx.view.has('xen_platform_pci_bar_uc')) return [];
    let why: string | undefined;
    if (!xenAtLeast(ctx.xenVersion, '4.21')) why = `xl ${ctx.xenVersion} does not know it (it exists from Xen 4.21) and ignores it.`;
    else if (plan.guestType.value !== 'hvm') why = `it is read for HVM guests only; this ${plan.guestType.value.toUpperCase()} guest ignores it.`;
    else if (!plan.platformPci.value) why = 'the platform PCI device is turned off (xen_platform_pci = 0), so there is no BAR to map.';
    if (!why) return [];
    return [
      {
        ...keyRange(ctx, 'xen_platform_pci_bar_uc')!,
        message: `xen_platform_pci_bar_uc has no effect: ${why} Remove it.`,
        fixes: [removeKeyFix(ctx.parsed.text, ctx.view, 'xen_platform_pci_bar_uc')],
        tags: ['unnecessary'],
      },
    ];
  },
);
