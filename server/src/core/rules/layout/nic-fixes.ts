// Edits that free guest pages QEMU would spend on option ROMs and video memory, each checked by
// re-running the layout: PV-only NICs (`type=vif`, no emulated NIC and no iPXE ROM), and
// `vga="none"`. xl has no key that adds headroom (there is no `extra_memory`), so these are
// the only config-level ways out.

import type { Fix } from '../../findings';
import type { LayoutResult } from '../../layout/types';
import type { RuleContext } from '../context';
import { layoutInputOf, layoutWith, setItemOption, setKey } from './support';

/** Fixes after which `done(layout)` holds, the fewest changed NICs first. */
export function romFixes(ctx: RuleContext, done: (r: LayoutResult) => boolean): Fix[] {
  const input = layoutInputOf(ctx);
  const text = ctx.parsed.text;
  const fixes: Fix[] = [];
  const emulated = input.nics.filter((n) => n.emulated);
  // Fewest NICs made PV-only, from the last one backwards.
  for (let k = 1; k <= emulated.length; k++) {
    const pv = new Set(emulated.slice(emulated.length - k).map((n) => n.ordinal));
    const r = layoutWith(ctx, { nics: input.nics.map((n) => (pv.has(n.ordinal) ? { ...n, emulated: false } : n)) });
    if (done(r)) {
      const edits = emulated.filter((n) => pv.has(n.ordinal)).map((n) => setItemOption(text, n.src, 'type', 'vif'));
      fixes.push({
        title:
          k === emulated.length
            ? `Make ${k === 1 ? 'the NIC' : `all ${k} NICs`} PV-only (type=vif: no emulated NIC, no option ROM)`
            : `Make the last ${k > 1 ? `${k} NICs` : 'NIC'} PV-only (type=vif: no emulated NIC, no option ROM)`,
        edits,
        isPreferred: fixes.length === 0,
      });
      break;
    }
  }
  // Not with OVMF: it needs an emulated VGA for its console (GOP).
  if (input.vga.value !== 'none' && layoutWith(ctx, {}).defaults.bios.value !== 'ovmf') {
    const r = layoutWith(ctx, { vga: { value: 'none' } });
    if (done(r)) fixes.push({ title: 'Set vga = "none" (no emulated VGA, no VGA BIOS ROM or video memory)', edits: [setKey(text, ctx.view, 'vga', '"none"')] });
  }
  return fixes;
}
