// USBDEV_SPEC_STRING (`usbdev = [ "..." ]`), xl's parse_usbdev_config: `type=hostdev`,
// `hostbus=`/`hostaddr=` (strtoul base 0: 010 is 8), `controller=` and `port=` (atoi).
// Anything else makes xl exit. xl's message for a bad type prints the wrong variable
// (getopt's optarg), which shows as "(null)".

import { parse } from '../../generated/spec-usbdev';
import type { GeneratedParse } from './peg';
import { closest } from './problems';
import { atoiField, fatal, strtoulField, tokenItems } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export interface UsbdevSpec {
  type?: SpecField<'hostdev'>;
  hostbus?: SpecField<bigint>;
  hostaddr?: SpecField<bigint>;
  controller?: SpecField<number>;
  port?: SpecField<number>;
  accepted: boolean;
}

const KEYS = ['type', 'hostbus', 'hostaddr', 'controller', 'port'];

export function parseUsbdevSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<UsbdevSpec> {
  const spec: UsbdevSpec = { accepted: true };
  const problems: SpecProblem[] = [];
  for (const it of tokenItems(parse as GeneratedParse, text)) {
    const key = it.key?.value;
    const v = it.value!;
    if (key === 'type') {
      if (v.value.toLowerCase() === 'hostdev') spec.type = { value: 'hostdev', start: v.start, end: v.end };
      else {
        problems.push(fatal(v.start, v.end, 'usbdev-type-unknown', 'Invalid usb device type: (null)',
          `Unknown USB device type \`${v.value}\` (the only type is hostdev)`, 1,
          { title: 'Change to `hostdev`', newText: 'hostdev', start: v.start, end: v.end }));
        spec.accepted = false;
        break;
      }
    } else if (key === 'hostbus' || key === 'hostaddr') {
      spec[key] = strtoulField(key, v, problems, 'usbdev-number');
    } else if (key === 'controller' || key === 'port') {
      spec[key] = atoiField(key, v, problems, 'usbdev-number');
    } else {
      const guess = closest(it.key?.value ?? it.text, KEYS);
      problems.push(fatal(it.start, it.key ? it.key.end : it.end, 'usbdev-option-unknown', `Unknown string \`${it.text}' in usbdev spec`,
        `Unknown usbdev option \`${it.key?.value ?? it.text}\` (the options are ${KEYS.join(', ')}${guess ? `; did you mean \`${guess}\`?` : ''})`));
      spec.accepted = false;
      break;
    }
  }
  return { spec, problems };
}
