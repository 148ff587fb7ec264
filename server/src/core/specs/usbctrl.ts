// USBCTRL_SPEC_STRING (`usbctrl = [ "..." ]`), xl's parse_usbctrl_config: `type=`
// (auto, pv, devicemodel, qusb; any case), `version=` and `ports=` (atoi). Any other token
// makes xl exit. libxl's defaults: type auto, version 2, 8 ports.

import { parse } from '../../generated/spec-usbctrl';
import type { GeneratedParse } from './peg';
import { closest, problem } from './problems';
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
  if (spec.accepted) problems.push(...libxlLimits(spec));
  return { spec, problems };
}

/**
 * libxl's checks when the domain is created (libxl__device_usbctrl_setdefault, the same in
 * every modelled release): xl accepts the spec, but creation then fails. Only for an explicit
 * type: `auto` becomes devicemodel for HVM and pv or qusb otherwise, which is decided later.
 */
function libxlLimits(spec: UsbctrlSpec): SpecProblem[] {
  const type = spec.type?.value;
  if (!type || type === 'auto') return [];
  const version = spec.version?.value || 2;
  const ports = spec.ports?.value ?? 0;
  const at = (f: SpecField<unknown> | undefined) => (f ? { start: f.start, end: f.end } : { start: spec.type!.start, end: spec.type!.end });
  const fail = (f: SpecField<unknown> | undefined, libxl: string, why: string) =>
    problem({
      code: 'usbctrl-libxl-limit', ...at(f), reaction: 'fatal',
      message: `${why}: xl accepts the spec (even in a dry run), but libxl refuses the controller when it creates the domain ("${libxl}"), so the domain is not created (all releases).`,
    });
  if (type === 'pv' || type === 'qusb') {
    if (version < 1 || version > 2) return [fail(spec.version, 'USB version for paravirtualized devices must be 1 or 2', `A ${type} USB controller supports version 1 or 2, not ${version}`)];
    if (ports !== 0 && (ports < 1 || ports > 31)) return [fail(spec.ports, 'Number of ports for USB controller is limited to 31', `A ${type} USB controller has 1 to 31 ports, not ${ports}`)];
    return [];
  }
  if (version === 1 && ports !== 0 && ports !== 2) return [fail(spec.ports, 'Number of ports for USB controller of version 1 is always 2', 'An emulated USB 1 controller (QEMU uhci) always has 2 ports; drop `ports=` or write 2')];
  if (version === 2 && ports !== 0 && ports !== 6) return [fail(spec.ports, 'Number of ports for USB controller of version 2 is always 6', 'An emulated USB 2 controller (QEMU ehci) always has 6 ports; drop `ports=` or write 6')];
  if (version === 3 && ports > 15) return [fail(spec.ports, 'Number of ports for USB controller of version 3 is limited to 15', 'An emulated USB 3 controller (QEMU xhci) has at most 15 ports')];
  if (version < 1 || version > 3) return [fail(spec.version, 'Illegal USB version', `USB version ${version} does not exist for an emulated controller (use 1, 2 or 3)`)];
  return [];
}
