// The `xlcfg.*` settings: pulled per document with workspace/configuration when the client
// supports it, otherwise taken from didChangeConfiguration pushes or initializationOptions.

import type { Severity } from '../core/findings';
import type { SeverityOverrides } from '../core/analyze';
import { parseXenVersion, type XenVersion } from '../core/xen-version';

export interface XlcfgSettings {
  /** Unset ('' in the settings): the host profile's `xenVersion`, else the newest release. */
  xenVersion?: XenVersion;
  /** '' = the QEMU the selected Xen release ships. */
  qemuVersion: string;
  /** '' = look for xen-host.json beside the config, then at the workspace root. */
  hostProfile: string;
  rules: SeverityOverrides;
}

export const DEFAULT_SETTINGS: XlcfgSettings = { qemuVersion: '', hostProfile: '', rules: {} };

const LEVELS: ReadonlySet<string> = new Set<Severity | 'off'>(['error', 'warning', 'information', 'hint', 'off']);

/** Accepts whatever a client sent (possibly nothing, possibly junk) and keeps what is valid. */
export function normalizeSettings(raw: unknown): XlcfgSettings {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const rules: SeverityOverrides = {};
  if (o.rules && typeof o.rules === 'object') {
    for (const [slug, level] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) rules[slug] = level as Severity | 'off';
    }
  }
  return {
    xenVersion: (typeof o.xenVersion === 'string' && parseXenVersion(o.xenVersion)) || undefined,
    qemuVersion: typeof o.qemuVersion === 'string' ? o.qemuVersion.trim() : '',
    hostProfile: typeof o.hostProfile === 'string' ? o.hostProfile.trim() : '',
    rules,
  };
}

/** Pulls settings from the `xlcfg` section or the `settings.xlcfg` nesting some clients use. */
export function settingsFromPush(payload: unknown): unknown {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as Record<string, unknown>;
  if (p.xlcfg && typeof p.xlcfg === 'object') return p.xlcfg;
  if (p.settings && typeof p.settings === 'object') return settingsFromPush(p.settings);
  return undefined;
}

export function sameSettings(a: XlcfgSettings, b: XlcfgSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
