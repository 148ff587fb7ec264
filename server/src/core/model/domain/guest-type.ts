// The guest type, decided before any type-specific key is read (xl_parse.c): `type=` is
// matched as a prefix of "hvm", then "pv", then "pvh" (so "" and "h" mean HVM, "p" means PV),
// the deprecated `builder=` as a prefix of "hvm" or "generic" (PV), and the two must agree.
// With neither, x86 xl builds a PV guest.

import type { GuestType } from '../../catalog/types';
import type { GuestTypeDecision } from './types';
import type { XlReader } from './xl-reader';

/** C `strncmp(value, full, strlen(value)) == 0`: `value` is a prefix of `full` (or empty). */
function isPrefixOf(value: string, full: string): boolean {
  return full.startsWith(value);
}

/** What `type=VALUE` selects, or undefined when xl refuses it. */
export function guestTypeOfTypeValue(value: string): GuestType | undefined {
  if (isPrefixOf(value, 'hvm')) return 'hvm';
  if (isPrefixOf(value, 'pv')) return 'pv';
  if (isPrefixOf(value, 'pvh')) return 'pvh';
  return undefined;
}

/** What `builder=VALUE` selects, or undefined when xl refuses it. */
export function guestTypeOfBuilderValue(value: string): GuestType | undefined {
  if (isPrefixOf(value, 'hvm')) return 'hvm';
  if (isPrefixOf(value, 'generic')) return 'pv';
  return undefined;
}

export function decideGuestType(xl: XlReader): GuestTypeDecision {
  let decision: GuestTypeDecision | undefined;
  const type = xl.string('type');
  if (type) {
    const t = guestTypeOfTypeValue(type.value);
    if (t) decision = { type: t, decidedBy: 'type', src: { key: 'type', start: type.start, end: type.end } };
    else xl.fail(`Invalid domain type ${type.value}.`, 1, xl.at('type', type));
  }
  const builder = xl.string('builder');
  if (builder) {
    const b = guestTypeOfBuilderValue(builder.value);
    if (!b) {
      xl.fail(`Invalid domain type ${builder.value}.`, 1, xl.at('builder', builder));
    } else if (decision && decision.type !== b) {
      xl.fail('Contradicting "builder" and "type" options specified.', 1, xl.at('builder', builder));
    } else if (!decision || decision.decidedBy !== 'type') {
      decision = { type: b, decidedBy: 'builder', src: { key: 'builder', start: builder.start, end: builder.end } };
    }
  }
  // Arm xl defaults to PVH; xlcfg models x86 hosts.
  return decision ?? { type: 'pv', decidedBy: 'default' };
}
