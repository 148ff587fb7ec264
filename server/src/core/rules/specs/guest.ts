// The guest type as xl decides it (type= as a prefix of hvm/pv/pvh, else builder=, else PV),
// for the spec keys xl reads only for HVM guests.
import type { RuleContext } from '../context';
import { guestTypeOfBuilderValue, guestTypeOfTypeValue } from '../../model/domain/guest-type';

export function isHvm(ctx: RuleContext): boolean {
  const type = ctx.view.string('type');
  if (type) return guestTypeOfTypeValue(type.value) === 'hvm';
  const builder = ctx.view.string('builder');
  return builder ? guestTypeOfBuilderValue(builder.value) === 'hvm' : false;
}
