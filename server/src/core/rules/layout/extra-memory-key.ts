// `extra_memory` is not an xl key: the 2015 proposal to let a config give QEMU more headroom
// was dropped (libxl's change was reverted before 4.6.0), so xl ignores the line and the slack
// stays the fixed 1 MiB. Explain, and offer to remove the line (never to write another key xl
// would ignore).

import type { Rule } from '../rule';
import { layoutOf, removeKey } from './support';

export const extraMemoryKey: Rule = {
  slug: 'extra-memory-key',
  defaultSeverity: 'warning',
  description: '`extra_memory` is not an xl key: Xen never added the proposed extra device-model memory.',
  check(ctx) {
    const s = ctx.view.setting('extra_memory');
    if (!s) return [];
    const layout = layoutOf(ctx);
    const status =
      layout.input.type.value !== 'hvm'
        ? ''
        : layout.qemu.leftPages.value < 0
          ? ` Here QEMU is ${-layout.qemu.leftPages.value * 4} KiB short (see qemu-page-budget).`
          : ` Here QEMU's video memory and ROMs fit, with ${layout.qemu.leftPages.value * 4} KiB left for hvmloader.`;
    return [
      {
        start: s.nameStart,
        end: s.nameEnd,
        tags: ['unnecessary'],
        message:
          'xl has no `extra_memory` key (the 2015 proposal to give QEMU extra memory was dropped before Xen 4.6 and no release 4.3–4.22 has it): xl ignores this line and the headroom for QEMU\'s option ROMs and video memory stays the fixed 1 MiB above `memory`. ' +
          'To free pages, make NICs PV-only (`type=vif`), use fewer emulated NICs, or set `vga="none"`.' +
          status,
        fixes: [{ title: 'Remove extra_memory (xl ignores it)', edits: removeKey(ctx.parsed.text, ctx.view, 'extra_memory'), isPreferred: true }],
      },
    ];
  },
};
