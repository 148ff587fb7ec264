// USBCTRL_SPEC_STRING (`usbctrl = [ "..." ]`), xl's parse_usbctrl_config: `type=`
// (auto, pv, devicemodel, qusb; any case), `version=` and `ports=` (atoi). Any other token
// makes xl exit. libxl's defaults: type auto, version 2, 8 ports.

import { parse } from '../../generated/spec-usbctrl';
import type { GeneratedParse } from './peg';
import { closest } from './problems';
import { asField, atoiField, fatal, tokenItems } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export interface UsbctrlSpec {
  type?: SpecField<'auto' | 'pv' | 'devicemodel' | 'qusb'>;
  version?: SpecField<number>;
  ports?: SpecField<number>;
  accepted: boolean;
}

const TYPES = ['auto', 'pv', 'devicemodel', 'qusb'] as const;

export function parseUsbctrlSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<UsbctrlSpec> {
  const spec: UsbctrlSpec = { accepted: true };
  const problems: SpecProblem[] = [];
  for (const it of tokenItems(parse as GeneratedParse, text)) {
    const key = it.key?.value;
    const v = it.value!;
    if (key === 'type') {
      const t = v.value.toLowerCase();
      if ((TYPES as readonly string[]).includes(t)) spec.type = { ...asField(v), value: t as (typeof TYPES)[number] };
      else {
        const guess = closest(v.value, TYPES);
        problems.push(fatal(v.start, v.end, 'usbctrl-type-unknown', `Invalid usb controller type '${v.value}'`,
          `Unknown USB controller type \`${v.value}\` (use auto, pv, devicemodel or qusb)`, 1,
          guess ? { title: `Change to \`${guess}\``, newText: guess, start: v.start, end: v.end } : undefined));
        spec.accepted = false;
        break;
      }
    } else if (key === 'version') {
      spec.version = atoiField('version', v, problems, 'usbctrl-number');
    } else if (key === 'ports') {
      spec.ports = atoiField('ports', v, problems, 'usbctrl-number');
    } else {
      const guess = closest(it.key?.value ?? it.text, ['type', 'version', 'ports']);
      problems.push(fatal(it.start, it.key ? it.key.end : it.end, 'usbctrl-option-unknown', `Unknown string \`${it.text}' in usbctrl spec`,
        `Unknown usbctrl option \`${it.key?.value ?? it.text}\` (the options are type, version and ports${guess ? `; did you mean \`${guess}\`?` : ''})`));
      spec.accepted = false;
      break;
    }
  }
  return { spec, problems };
}
