// PVH-05: xl reads these keys only for HVM guests; on PV/PVH they are silently ignored.
import { dmRule, keyRange } from './support';
import { removeKeyFix } from '../../device-model/edits';
import type { RuleFinding } from '../rule';

// hdtype and bios_path_override have their own rules (hdtype-ignored, bios-path-override-ignored).
const HVM_ONLY = ['bios', 'vga', 'stdvga', 'xen_platform_pci', 'soundhw', 'usb', 'usbdevice', 'serial', 'boot', 'viridian'];

export const hvmKeyIgnored = dmRule(
  'hvm-key-ignored',
  'information',
  'HVM-only device-model and firmware keys on a PV or PVH guest',
  (ctx, plan) => {
    const t = plan.guestType.value;
    if (t === 'hvm') return [];
    const out: RuleFinding[] = [];
    for (const key of HVM_ONLY) {
      if (!ctx.view.has(key)) continue;
      out.push({
        ...keyRange(ctx, key)!,
        message: `\`${key}\` does nothing on a ${t.toUpperCase()} guest: xl reads it for HVM guests only (all releases) and ignores it here. Remove it, or set type = "hvm" if this should be an HVM guest.`,
        fixes: [removeKeyFix(ctx.parsed.text, ctx.view, key)],
        tags: ['unnecessary'],
      });
    }
    return out;
  },
);
