// Everything a rule may read. Derived analyses (the typed domain model, the memory layout,
// the device-model plan) are computed once per run and shared through `memo`, so each area
// adds its own accessor function next to its code without editing this file.

import type { ParsedConfig } from '../syntax/parse';
import type { ConfigView } from '../model/config-view';
import type { XenVersion } from '../xen-version';

export interface AnalysisEnvironment {
  /** The Xen release the config is checked against. */
  xenVersion: XenVersion;
  /** QEMU upstream version the host runs, when the user told us (e.g. "8.0"). */
  qemuVersion?: string;
  /** The parsed host profile (passthrough BARs, RMRRs), when one was found. */
  hostProfile?: unknown;
  /** Where the host profile came from, for messages. */
  hostProfileSource?: string;
  /** File name as the user sees it (used in xl-style messages). */
  fileName?: string;
}

export class RuleContext {
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly parsed: ParsedConfig,
    readonly view: ConfigView,
    readonly env: AnalysisEnvironment,
  ) {}

  get xenVersion(): XenVersion {
    return this.env.xenVersion;
  }

  /** Computes `key` once per analysis run. */
  memo<T>(key: string, compute: (ctx: RuleContext) => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = compute(this);
    this.cache.set(key, value);
    return value;
  }
}
