// The guest type as xl decides it, with the value that decided it (for reasons and ranges).
// The prefix matching itself (`type`: "" and "h" mean HVM, "p" PV; `builder`: "hvm" or
// "generic") is the domain model's; a contradiction between the two, or a value xl refuses,
// makes xl exit, which `invalid` reports so the device-model rules stay quiet.

import type { ConfigView } from '../model/config-view';
import { guestTypeOfBuilderValue, guestTypeOfTypeValue } from '../model/domain/guest-type';
import type { Decision } from './plan-types';

export type GuestType = 'pv' | 'pvh' | 'hvm';

export function guestTypeOf(view: ConfigView): Decision<GuestType> & { invalid?: string } {
  const type = view.string('type');
  const builder = view.string('builder');
  const fromType = type ? guestTypeOfTypeValue(type.value) : undefined;
  const fromBuilder = builder ? guestTypeOfBuilderValue(builder.value) : undefined;
  if (type && !fromType) return { value: 'pv', reason: `type = "${type.value}" is refused by xl`, source: at(type), invalid: type.value };
  if (builder && !fromBuilder) return { value: 'pv', reason: `builder = "${builder.value}" is refused by xl`, source: at(builder), invalid: builder.value };
  if (fromType && fromBuilder && fromType !== fromBuilder) {
    return { value: fromType, reason: 'xl refuses contradicting `builder` and `type`', source: at(type!), invalid: builder!.value };
  }
  if (type && fromType) return { value: fromType, reason: `type = "${type.value}"`, source: at(type) };
  if (builder && fromBuilder) {
    return { value: fromBuilder, reason: `builder = "${builder.value}" (deprecated spelling of type = "${fromBuilder}")`, source: at(builder) };
  }
  return { value: 'pv', reason: 'no `type` key: xl builds a PV guest on x86' };
}

const at = (l: { start: number; end: number }) => ({ start: l.start, end: l.end });

export function guestTypeLabel(t: GuestType): string {
  return t === 'hvm' ? 'HVM' : t === 'pvh' ? 'PVH' : 'PV';
}
