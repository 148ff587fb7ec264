// The layout checks, in the order their findings are reported. They read the memory layout
// engine's result (core/layout) through layoutOf(ctx).
import type { Rule } from '../rule';
import { guestCreationFails } from './guest-creation-fails';
import { podWithPassthrough } from './pod-with-passthrough';
import { maxmemBelowMemory } from './maxmem-below-memory';
import { videoramInvalid } from './videoram-invalid';
import { mmioHoleInvalid } from './mmio-hole-invalid';
import { rdmConflictStrict } from './rdm-conflict-strict';
import { rdmInHvmloaderArea } from './rdm-in-hvmloader-area';
import { rdmLowersRam } from './rdm-lowers-ram';
import { qemuPageBudget } from './qemu-page-budget';
import { mmioHoleTooSmall } from './mmio-hole-too-small';
import { barNoSpace } from './bar-no-space';
import { ramRelocation } from './ram-relocation';
import { mmioHoleGrowthBlocked } from './mmio-hole-growth-blocked';
import { hvmloaderStealsRam } from './hvmloader-steals-ram';
import { e820StaleEntry } from './e820-stale-entry';
import { extraMemoryKey } from './extra-memory-key';
import { hostFactsUnknown } from './host-facts-unknown';
import { hostMemoryNeeded } from './host-memory-needed';

export const layoutRules: Rule[] = [
  guestCreationFails,
  podWithPassthrough,
  maxmemBelowMemory,
  videoramInvalid,
  mmioHoleInvalid,
  rdmConflictStrict,
  rdmInHvmloaderArea,
  rdmLowersRam,
  qemuPageBudget,
  mmioHoleTooSmall,
  barNoSpace,
  ramRelocation,
  mmioHoleGrowthBlocked,
  hvmloaderStealsRam,
  e820StaleEntry,
  extraMemoryKey,
  hostFactsUnknown,
  hostMemoryNeeded,
];
