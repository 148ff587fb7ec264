// STUB-05: Linux stub domains have no VNC/SDL output (docs/misc/stubdom.txt); libxl still
// adds a vfb to the stub domain, so nothing fails, the display just stays empty.
import { dmRule } from './support';
import { fix, replaceBare } from '../../device-model/edits';
import type { RuleFinding } from '../rule';

export const linuxStubdomainNoGraphics = dmRule(
  'linux-stubdomain-no-graphics',
  'warning',
  'VNC or SDL with a Linux stub domain, which has no graphics output',
  (ctx, plan) => {
    if (plan.stubdomainKind !== 'linux') return [];
    const out: RuleFinding[] = [];
    for (const key of ['vnc', 'sdl']) {
      const v = ctx.view.defbool(key);
      if (!v?.value) continue;
      out.push({
        start: v.start,
        end: v.end,
        message:
          `${key.toUpperCase()} shows nothing with a Linux stub domain: graphics output is not implemented there (Xen 4.14 and later), ` +
          'so the guest starts but the display stays blank. Turn it off and use a serial console, or run QEMU in dom0.',
        fixes: [fix(`Set ${key} = 0`, replaceBare(v, '0'), true)],
      });
    }
    return out;
  },
);
