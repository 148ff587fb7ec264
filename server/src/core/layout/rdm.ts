// Stage 3: libxl's reserved-device-memory step (libxl_dm.c:libxl__domain_device_construct_rdm()).
// Collects the host RMRRs that apply (all of them with `rdm="strategy=host"`, plus those of each
// passed-through device), lowers low RAM below RMRRs above `rdm_mem_boundary` (pass 1) and then
// keeps, drops (relaxed) or refuses (strict) every RMRR that still overlaps RAM (pass 2).

import { xenAtLeast } from '../xen-version';
import type { HostRmrr } from '../host-profile/schema';
import { FOUR_GIB, MiB, PAGE, hex, roundDown } from './constants';
import { parseRdmOption } from './rdm-option';
import type { Defaults } from './defaults';
import type { LayoutInput, LayoutProblem, LayoutResult, PciInput, RdmEntry, RdmPolicy } from './types';

export interface RdmStage {
  rdm: LayoutResult['rdm'];
  problems: LayoutProblem[];
  unknowns: string[];
  log: string[];
}

/** The host BDFs a pci entry stands for (a name is looked up in the profile). */
export function pciHostBdfs(input: LayoutInput, p: PciInput): string[] {
  const host = input.host;
  let bdf = p.bdf;
  if (!bdf && p.name) bdf = host?.pciDevices.find((d) => d.name === p.name)?.bdf;
  if (!bdf) return [];
  if (!p.allFunctions) return [bdf];
  const slot = bdf.slice(0, -2);
  const fns = host?.pciDevices.filter((d) => d.bdf.startsWith(slot + '.')).map((d) => d.bdf) ?? [];
  return fns.length ? fns.sort() : [bdf];
}

/** The policy libxl applies to a device's RMRRs in its conflict pass, and why. */
function devicePolicy(input: LayoutInput, d: Defaults, p: PciInput): { policy: RdmPolicy; why: string } {
  const xen = input.xen;
  if (p.rdmPolicy) {
    if (p.rdmPolicy === 'invalid' && xenAtLeast(xen, '4.14')) return { policy: 'strict', why: '`rdm_policy=invalid` is turned into strict by libxl' };
    return { policy: p.rdmPolicy, why: `\`rdm_policy=${p.rdmPolicy}\` on the pci entry` };
  }
  if (!xenAtLeast(xen, '4.14')) {
    return { policy: 'invalid', why: '4.13 parses `rdm` after `pci` and applies the per-device default only at assignment, so the policy is still unset while the memory map is built' };
  }
  // 4.14.5/4.15.3/4.16.1/4.17+: the device starts from the global policy as xl parsed it
  // (unset when the `rdm` string did not parse); libxl then turns an unset one into strict.
  const opt = parseRdmOption(input.rdm?.text, xen);
  if (opt.ok && opt.policy) return { policy: opt.policy, why: `no \`rdm_policy=\` on the entry: the global \`rdm\` policy (${opt.policy}) applies` };
  if (opt.ok) return { policy: 'strict', why: 'no `rdm_policy=` on the entry and the global policy is uninitialised (behaves as strict)' };
  return { policy: 'strict', why: 'no `rdm_policy=` on the entry: libxl defaults a device to strict' };
}

function region(r: HostRmrr): { start: number; size: number } {
  // dmar.c: start = base & ~0xFFF, size = (PFN_UP(end) − PFN_DOWN(base)) pages.
  const start = roundDown(r.start, PAGE);
  const pages = Math.ceil(r.end / PAGE) - Math.floor(r.start / PAGE);
  return { start, size: pages * PAGE };
}

const overlaps = (s: number, e: number, a: number, b: number): boolean => s < b && a < e;

export function constructRdm(input: LayoutInput, d: Defaults, split: LayoutResult['split']): RdmStage {
  const problems: LayoutProblem[] = [];
  const unknowns: string[] = [];
  const log: string[] = [];
  const xen = input.xen;
  const host = input.host;
  let lowmemEnd = split.lowmemEnd.value;
  let highmemEnd = split.highmemEnd.value;
  const entries: RdmEntry[] = [];
  const hvm = input.type.value === 'hvm';
  const validPci = input.pci.filter((p) => !p.error);

  const unused = (why: string): RdmEntry[] =>
    (host?.rmrrs ?? []).map((r) => {
      const g = region(r);
      return { ...g, hostStart: r.start, hostEnd: r.end, devices: r.devices, policy: 'invalid' as RdmPolicy, viaPci: [], viaHostStrategy: false, action: 'ignored' as const, conflicts: false, why };
    });

  if (!hvm) {
    return {
      rdm: {
        ran: { value: false, why: 'only HVM guests get reserved device memory regions' },
        entries: unused('not an HVM guest'),
        lowmemEnd: { value: lowmemEnd, why: split.lowmemEnd.why },
        highmemEnd: { value: highmemEnd, why: split.highmemEnd.why },
      },
      problems,
      unknowns,
      log,
    };
  }
  if (d.rdmStrategy.value === 'ignore' && validPci.length === 0) {
    return {
      rdm: {
        ran: { value: false, why: `no passed-through device and ${d.rdmStrategy.why}, so libxl skips the RDM step` },
        entries: unused('no passed-through device owns it and the `rdm` strategy is "ignore"'),
        lowmemEnd: { value: lowmemEnd, why: split.lowmemEnd.why },
        highmemEnd: { value: highmemEnd, why: split.highmemEnd.why },
      },
      problems,
      unknowns,
      log,
    };
  }

  // 4.13 and earlier give every PCI guest "high memory" from 4 GiB up front (zero-length when
  // there is none); 4.14 (3840e98f3e) only does so when pass 1 moves RAM.
  if (!xenAtLeast(xen, '4.14') && highmemEnd === 0) highmemEnd = FOUR_GIB;

  const globalPolicy: RdmPolicy = d.rdmPolicy.value === 'relaxed' ? 'relaxed' : 'strict';
  if (d.rdmStrategy.value === 'host') {
    if (!host) unknowns.push("the host's RMRRs (`rdm=\"strategy=host\"` reserves all of them; no host profile)");
    for (const r of host?.rmrrs ?? []) {
      entries.push({
        ...region(r),
        hostStart: r.start,
        hostEnd: r.end,
        devices: r.devices,
        policy: globalPolicy,
        viaPci: [],
        viaHostStrategy: true,
        action: 'reserved',
        conflicts: false,
        why: `\`rdm="strategy=host"\` takes every host RMRR with the global policy (${d.rdmPolicy.value})`,
      });
    }
  }
  for (const p of validPci) {
    const bdfs = pciHostBdfs(input, p);
    if (!host) {
      unknowns.push(`the RMRRs of ${p.bdf ?? p.name ?? p.spec} (no host profile)`);
      continue;
    }
    if (bdfs.length === 0) {
      unknowns.push(`which host device \`${p.spec}\` is (the host profile has no device named "${p.name}")`);
      continue;
    }
    const pol = devicePolicy(input, d, p);
    let mine = host.rmrrs.filter((r) => r.devices.some((dev) => bdfs.includes(dev)));
    // 4.6–4.13 took only the first region of each device (3bdb073643 fixed it in 4.14).
    if (!xenAtLeast(xen, '4.14')) mine = mine.slice(0, 1);
    for (const r of mine) {
      const g = region(r);
      const existing = entries.find((e) => e.start === g.start);
      if (existing) {
        existing.policy = pol.policy;
        existing.viaPci.push(p.ordinal);
        existing.why = `${pol.why} (the device's policy overrides the global one for the same region)`;
      } else {
        entries.push({ ...g, hostStart: r.start, hostEnd: r.end, devices: r.devices, policy: pol.policy, viaPci: [p.ordinal], viaHostStrategy: false, action: 'reserved', conflicts: false, why: pol.why });
      }
    }
  }

  // Pass 1: RAM below 4 GiB ends below the lowest RMRR above the boundary that it overlaps.
  const boundary = d.rdmBoundary.value;
  let lowWhy = split.lowmemEnd.why;
  let highWhy = split.highmemEnd.why;
  for (const r of entries) {
    if (lowmemEnd > r.start && r.start + r.size > 0 && r.start > boundary) {
      let s = r.start;
      if (xenAtLeast(xen, '4.14') && input.hap.value && s > 2 * MiB) s = roundDown(s, 2 * MiB);
      if (highmemEnd === 0) highmemEnd = FOUR_GIB;
      highmemEnd += lowmemEnd - s;
      lowmemEnd = s;
      lowWhy = `the RMRR at ${hex(r.start)} lies above \`rdm_mem_boundary\` (${hex(boundary)}), so libxl ends low RAM below it${s !== r.start ? ' (rounded down to 2 MiB for HAP)' : ''}`;
      highWhy = `the RAM displaced by the RMRR at ${hex(r.start)} moves above 4 GiB`;
      r.why += `; above the boundary, so low RAM now ends at ${hex(s)}`;
    }
  }
  if (lowmemEnd < MiB) {
    problems.push({
      stage: 'libxl',
      code: 'rdm-boundary-below-legacy-rmrr',
      message: `creation fails: an RMRR at ${hex(lowmemEnd)} lies above \`rdm_mem_boundary\`, so libxl ends low RAM there, below 1 MiB where hvmloader is loaded (libxl's low RAM entry underflows)`,
      fatal: true,
    });
  }

  // Pass 2: whatever still overlaps RAM is refused (strict) or dropped (anything else).
  let stopped = false;
  for (const r of entries) {
    const conflict =
      overlaps(r.start, r.start + r.size, 0, lowmemEnd) || (highmemEnd !== 0 && overlaps(r.start, r.start + r.size, FOUR_GIB, highmemEnd));
    r.conflicts = conflict;
    if (stopped) {
      r.action = 'unchecked';
      r.why += `; never checked: libxl stopped at an earlier strict conflict${conflict ? ' (it overlaps guest RAM too)' : ''}`;
      continue;
    }
    if (!conflict) {
      if (r.policy === 'invalid') {
        r.action = 'unchecked';
        r.why += '; with the policy unset libxl leaves it out of the memory map (assignment later checks it as strict)';
      } else {
        r.action = 'reserved';
        r.why += '; it does not overlap RAM, so it is reserved in the e820';
      }
      continue;
    }
    if (r.policy === 'strict') {
      r.action = 'conflict-fatal';
      r.why += `; it overlaps guest RAM (${r.start < lowmemEnd ? `[0, ${hex(lowmemEnd)})` : `[4 GiB, ${hex(highmemEnd)})`}) and the policy is strict`;
      problems.push({ stage: 'libxl', code: 'rdm-conflict', message: `RDM conflict at ${hex(r.start)}.`, fatal: true });
      stopped = true;
    } else {
      r.action = 'conflict-warn';
      r.why += `; it overlaps guest RAM and the policy is ${r.policy}, so libxl drops it and RAM stays mapped there`;
      log.push(`Ignoring RDM conflict at ${hex(r.start)}.`);
    }
  }

  // 4.13: a device's RMRR whose policy was still unset was dropped above like a relaxed one,
  // but the device is then assigned with the strict flag, and Xen refuses to identity-map
  // pages that RAM already backs.
  if (!xenAtLeast(xen, '4.14') && !stopped) {
    const bad = entries.find((r) => r.policy === 'invalid' && r.action === 'conflict-warn' && r.viaPci.length > 0);
    if (bad) {
      bad.why += '; at assignment the device uses the strict flag and Xen cannot identity-map these RAM-backed pages';
      problems.push({ stage: 'libxl', code: 'rdm-conflict', message: 'xc_assign_device failed', fatal: true });
      log.push(`(Xen) Cannot setup identity map for the RMRR at ${hex(bad.start)}: gfn already mapped`);
    }
  }

  // Host RMRRs nobody asked for.
  for (const r of host?.rmrrs ?? []) {
    const g = region(r);
    if (!entries.some((e) => e.start === g.start)) {
      entries.push({
        ...g,
        hostStart: r.start,
        hostEnd: r.end,
        devices: r.devices,
        policy: 'invalid',
        viaPci: [],
        viaHostStrategy: false,
        action: 'ignored',
        conflicts: false,
        why: 'no passed-through device owns it and the `rdm` strategy is not "host"',
      });
    }
  }

  return {
    rdm: {
      ran: { value: true, why: validPci.length ? 'the guest has passed-through devices' : '`rdm="strategy=host"`' },
      entries,
      lowmemEnd: { value: lowmemEnd, why: lowWhy },
      highmemEnd: {
        value: highmemEnd,
        why: highmemEnd === FOUR_GIB && split.highmemEnd.value === 0 && !xenAtLeast(xen, '4.14') ? '4.13 sets "high memory" to end at 4 GiB for every guest that goes through the RDM step (zero-length)' : highWhy,
      },
    },
    problems,
    unknowns,
    log,
  };
}

