// An RMRR that overlaps guest RAM after libxl's first pass. Strict policy: libxl refuses to
// build the guest ("RDM conflict at …"). Relaxed: libxl drops the region from the e820 and the
// device's DMA to it lands in guest RAM (reported as rdm-conflict-relaxed). On 4.13 a device
// without `rdm_policy=` is dropped like relaxed but assigned as strict, and the assignment fails.

import type { Fix } from '../../findings';
import type { Rule, RuleFinding } from '../rule';
import { boundaryBelow, holeBelow } from '../../layout/fix-values';
import { xenAtLeast } from '../../xen-version';
import { anchor, hex, layoutInputOf, layoutOf, setItemOption, setKey } from './support';

export const rdmConflictStrict: Rule = {
  slug: 'rdm-conflict-strict',
  defaultSeverity: 'error',
  description: 'A host RMRR overlaps guest RAM: fatal under the strict policy, dropped under relaxed.',
  check(ctx) {
    const layout = layoutOf(ctx);
    const input = layoutInputOf(ctx);
    const out: RuleFinding[] = [];
    const text = ctx.parsed.text;
    for (const e of layout.rdm.entries) {
      // libxl stops at the first strict conflict; the ones it never reached are reported too,
      // so that fixing one does not just reveal the next.
      const unreached = e.action === 'unchecked' && e.conflicts;
      const assignFails = (e.action === 'conflict-warn' || unreached) && e.policy === 'invalid' && e.viaPci.length > 0 && !xenAtLeast(ctx.xenVersion, '4.14');
      const strict = e.action === 'conflict-fatal' || (unreached && e.policy === 'strict');
      const relaxed = (e.action === 'conflict-warn' || unreached) && !assignFails && !strict;
      if (!strict && !relaxed && !assignFails) continue;
      const pci = input.pci.find((p) => p.ordinal === e.viaPci[0]);
      const range = pci ? pci.src : anchor(ctx, 'rdm', 'pci', 'memory');
      const region = `${hex(e.start)}–${hex(e.start + e.size - 1)}`;
      const owner = e.devices.length ? ` of ${e.devices.join(', ')}` : '';
      const ram = e.start < layout.rdm.lowmemEnd.value ? `low RAM [0, ${hex(layout.rdm.lowmemEnd.value)})` : `high RAM [4 GiB, ${hex(layout.rdm.highmemEnd.value)})`;
      const fixes: Fix[] = [];
      if ((strict || assignFails) && pci) {
        fixes.push({ title: `Set rdm_policy=relaxed on ${pci.bdf ?? pci.spec}`, edits: [setItemOption(text, pci.src, 'rdm_policy', 'relaxed')], isPreferred: true });
      }
      // Moving RAM out of the RMRR's way: with `mmio_hole` every component agrees on the new
      // layout; with `rdm_mem_boundary` alone libxl moves RAM but QEMU is not told (§2.5).
      const h = holeBelow(input, e.start, layout);
      if (h !== undefined) {
        fixes.push({ title: `Set mmio_hole = ${h} (the hole starts below the RMRR, RAM moves above 4 GiB)`, edits: [setKey(text, ctx.view, 'mmio_hole', String(h), ['memory', 'maxmem', 'pci'])] });
      }
      // rdm_mem_boundary only when no hole can do it (it leaves QEMU with a stale RAM model).
      const b = h === undefined ? boundaryBelow(input, e.start, layout) : undefined;
      if (b !== undefined) {
        fixes.push({ title: `Set rdm_mem_boundary = ${b} (libxl then ends low RAM below the RMRR; QEMU is not told)`, edits: [setKey(text, ctx.view, 'rdm_mem_boundary', String(b), ['mmio_hole', 'memory', 'maxmem'])] });
      }
      const legacy = e.start < 0x100000 ? ' Below 1 MiB this is legacy BIOS space (e.g. USB keyboard emulation), where dropping it is usually harmless.' : '';
      if (strict) {
        out.push({
          ...range,
          message: `The RMRR${owner} at ${region} overlaps guest ${ram} and its policy is strict (${e.why.split(';')[0]}): libxl stops with "RDM conflict at ${hex(e.start)}."${unreached ? ' (once the earlier conflict is fixed)' : ''} and the guest is not created (Xen 4.6 and later; checked for ${ctx.xenVersion}).${legacy} Set \`rdm_policy=relaxed\` on the device to let libxl drop the region${h !== undefined ? `, or \`mmio_hole=${h}\` so the RMRR falls into the MMIO hole` : ''}${b !== undefined ? `${h !== undefined ? '' : ','} or \`rdm_mem_boundary=${b}\` so libxl alone moves RAM out of its way` : ''}.`,
          fixes,
        });
      } else if (assignFails) {
        out.push({
          ...range,
          message: `On Xen 4.13 the device's RMRR at ${region} is built with an unset policy, so libxl drops it ("Ignoring RDM conflict at ${hex(e.start)}."), but then assigns the device as strict: Xen cannot identity-map the RAM-backed pages and libxl fails with "xc_assign_device failed"; the guest is not created. Add \`rdm_policy=relaxed\` to the entry.`,
          fixes,
        });
      } else {
        // A policy the user wrote on the device (or a legacy region below 1 MiB) is a known
        // trade-off: say what it does, without warning about it.
        const chosen = (pci?.rdmPolicy === 'relaxed' && e.viaPci.length > 0) || e.start < 0x100000;
        out.push({
          ...range,
          code: 'rdm-conflict-relaxed',
          severity: chosen ? 'information' : 'warning',
          message: `The RMRR${owner} at ${region} overlaps guest ${ram}; with the relaxed policy libxl prints "Ignoring RDM conflict at ${hex(e.start)}." and leaves RAM mapped there, so the device's DMA to that region writes into guest memory (Xen logs "Cannot setup identity map" at assignment; Xen 4.6 and later, checked for ${ctx.xenVersion}).${legacy}${h !== undefined ? ` \`mmio_hole=${h}\` puts the RMRR into the MMIO hole instead.` : b !== undefined ? ` \`rdm_mem_boundary=${b}\` makes libxl move RAM out of its way instead.` : ''}`,
          fixes,
        });
      }
    }
    return out;
  },
};

