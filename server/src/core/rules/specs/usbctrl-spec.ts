// Checks each `usbctrl` spec string the way xl reads it: known options, values, and what makes xl exit, warn or crash.
import type { Rule } from '../rule';
import { specFindings } from './support';

export const usbctrlSpecRule: Rule = {
  slug: 'usbctrl-spec',
  defaultSeverity: 'error',
  description: "Checks each `usbctrl` spec string the way xl reads it: known options, values, and what makes xl exit, warn or crash.",
  check: (ctx) => specFindings(ctx, 'usbctrl'),
};
