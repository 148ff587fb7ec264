// The keys checks, in the order their findings are reported.
import type { Rule } from '../rule';
import { unknownKey } from './unknown-key';
import { keyNotInRelease } from './key-not-in-release';
import { removedKey } from './removed-key';
import { deprecatedKey } from './deprecated-key';
import { keyNotForGuestType } from './key-not-for-guest-type';
import { overriddenSetting } from './overridden-setting';
import { plusEqualsOnNumber } from './plus-equals-on-number';
import { notANumber } from './not-a-number';
import { octalNumber } from './octal-number';
import { listExpected } from './list-expected';
import { scalarExpected } from './scalar-expected';
import { nestedListInDeviceKey } from './nested-list-in-device-key';
import { invalidEnumValue } from './invalid-enum-value';
import { valueOutOfRange } from './value-out-of-range';
import { invalidBootOrder } from './invalid-boot-order';
import { xlRejectsConfig } from './xl-rejects-config';
import { libxlRejectsConfig } from './libxl-rejects-config';
import { xlWarns } from './xl-warns';

export const keysRules: Rule[] = [
  unknownKey,
  keyNotInRelease,
  removedKey,
  deprecatedKey,
  keyNotForGuestType,
  overriddenSetting,
  plusEqualsOnNumber,
  notANumber,
  octalNumber,
  listExpected,
  scalarExpected,
  nestedListInDeviceKey,
  invalidEnumValue,
  valueOutOfRange,
  invalidBootOrder,
  xlRejectsConfig,
  libxlRejectsConfig,
  xlWarns,
];
