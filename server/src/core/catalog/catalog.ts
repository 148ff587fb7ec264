// Lookups over the key catalog for one Xen release: a key that xl of that release does not
// read is unknown to it (and silently ignored by xl), so every lookup takes the release.

import { compareXen, type XenVersion } from '../xen-version';
import { KEY_ENTRIES } from './keys';
import type { GuestType, KeyBehaviour, KeyEntry } from './types';

const BY_NAME = new Map<string, KeyEntry>(KEY_ENTRIES.map((e) => [e.name, e]));

/** True when `entry` is read by xl of `release`. */
export function keyExistsIn(entry: KeyEntry, release: XenVersion | string): boolean {
  if (compareXen(release, entry.since) < 0) return false;
  return !entry.removedIn || compareXen(release, entry.removedIn) < 0;
}

/** The catalog entry of `name` as of `release` (with enum values of that release), or undefined. */
export function keyInfo(name: string, release: XenVersion | string): KeyEntry | undefined {
  const e = BY_NAME.get(name);
  if (!e || !keyExistsIn(e, release)) return undefined;
  return atRelease(e, release);
}

/** The entry whatever the release (for messages such as "only read since Xen 4.18"). */
export function keyInfoAnyRelease(name: string): KeyEntry | undefined {
  return BY_NAME.get(name);
}

/** Every key xl of `release` reads with an effect on `guestType`, in catalog (alphabetical) order. */
export function keysFor(guestType: GuestType, release: XenVersion | string): KeyEntry[] {
  return KEY_ENTRIES.filter((e) => keyExistsIn(e, release) && e.guestTypes.includes(guestType)).map((e) =>
    atRelease(e, release),
  );
}

/** Every key xl of `release` reads. */
export function allKeys(release: XenVersion | string): KeyEntry[] {
  return KEY_ENTRIES.filter((e) => keyExistsIn(e, release)).map((e) => atRelease(e, release));
}

/** True when `value` is an accepted enum value of the key on `release` (honouring case rules). */
export function enumValueAccepted(entry: KeyEntry, value: string, release: XenVersion | string): boolean {
  const values = atRelease(entry, release).enumValues;
  if (!values) return true;
  return entry.enumCaseInsensitive
    ? values.some((v) => v.toLowerCase() === value.toLowerCase())
    : values.includes(value);
}

/** The release-bounded notes that hold on `release`. */
export function behaviourAt(entry: KeyEntry, release: XenVersion | string): KeyBehaviour[] {
  return (entry.behaviour ?? []).filter(
    (b) => (!b.since || compareXen(release, b.since) >= 0) && (!b.until || compareXen(release, b.until) <= 0),
  );
}

/** The default of the key on `release`, in words (release-specific where it changed). */
export function defaultAt(entry: KeyEntry, release: XenVersion | string): string | null {
  const h = (entry.defaultHistory ?? []).find(
    (d) => (!d.since || compareXen(release, d.since) >= 0) && (!d.until || compareXen(release, d.until) <= 0),
  );
  return h ? h.value : entry.default;
}

function atRelease(e: KeyEntry, release: XenVersion | string): KeyEntry {
  if (!e.enumHistory || !e.enumValues) return e;
  const gone = new Set(
    e.enumHistory
      .filter(
        (h) =>
          (h.removedIn && compareXen(release, h.removedIn) >= 0) || (h.since && compareXen(release, h.since) < 0),
      )
      .map((h) => h.value),
  );
  return gone.size ? { ...e, enumValues: e.enumValues.filter((v) => !gone.has(v)) } : e;
}
