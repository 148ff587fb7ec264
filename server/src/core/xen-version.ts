// The Xen releases whose behaviour xlcfg models. Behaviour differs per release (what xl
// accepts, libxl defaults, hvmloader's layout), so every analysis takes one of these.

export const XEN_VERSIONS = ['4.13', '4.14', '4.15', '4.16', '4.17', '4.18', '4.19', '4.20', '4.21', '4.22'] as const;
export type XenVersion = (typeof XEN_VERSIONS)[number];
export const NEWEST_XEN: XenVersion = '4.22';

/** Parses "4.17", "4.17.3" or "RELEASE-4.17.0" into a supported release, or undefined. */
export function parseXenVersion(text: string | undefined | null): XenVersion | undefined {
  if (!text) return undefined;
  const m = /(\d+)\.(\d+)/.exec(text);
  if (!m) return undefined;
  const v = `${Number(m[1])}.${Number(m[2])}`;
  return (XEN_VERSIONS as readonly string[]).includes(v) ? (v as XenVersion) : undefined;
}

/** Compares two "major.minor" release strings numerically (works for releases outside the list too). */
export function compareXen(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}

/** True when `v` is `since` or newer. */
export function xenAtLeast(v: string, since: string): boolean {
  return compareXen(v, since) >= 0;
}
