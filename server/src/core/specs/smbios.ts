// One `smbios` element (HVM, Xen 4.18+): "type=value", cut at the first '=' (nothing is
// trimmed); the type is one of libxl's SMBIOS string types (any case) and the value may not
// be empty. Every error makes xl exit with status 1. The 99-oem-strings limit is a check
// over the whole list (see the smbios rule).

import { parse } from '../../generated/spec-smbios';
import { runTotal, type GeneratedParse } from './peg';
import { closest } from './problems';
import { asField, fatal, type Span } from './items';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export const SMBIOS_TYPES = [
  'bios_vendor', 'bios_version', 'system_manufacturer', 'system_product_name', 'system_version', 'system_serial_number',
  'baseboard_manufacturer', 'baseboard_product_name', 'baseboard_version', 'baseboard_serial_number', 'baseboard_asset_tag',
  'baseboard_location_in_chassis', 'enclosure_manufacturer', 'enclosure_serial_number', 'enclosure_asset_tag',
  'battery_manufacturer', 'battery_device_name', 'oem',
];

export interface SmbiosSpec {
  type?: SpecField<string>;
  value?: SpecField<string>;
  accepted: boolean;
}

export function parseSmbiosSpec(text: string, _options: SpecParseOptions = {}): SpecParseResult<SmbiosSpec> {
  const g = runTotal<{ key: Span | null; value: Span | null }>(parse as GeneratedParse, text, 'Item', { key: null, value: null });
  const spec: SmbiosSpec = { accepted: false };
  const problems: SpecProblem[] = [];
  if (!g.key) {
    problems.push(fatal(0, text.length, 'smbios-no-equals', `xl: failed to split "${text}" at '='`, `\`${text}\` has no \`=\` (write type=value, e.g. bios_vendor=Acme)`));
    return { spec, problems };
  }
  if (g.value!.value === '') {
    problems.push(fatal(0, text.length, 'smbios-empty-value', `xl: empty value not allowed for smbios "${g.key.value}="`, `\`${g.key.value}=\` has no value`));
    return { spec, problems };
  }
  const type = g.key.value.toLowerCase();
  if (!SMBIOS_TYPES.includes(type)) {
    const guess = closest(g.key.value, SMBIOS_TYPES);
    problems.push(fatal(g.key.start, g.key.end, 'smbios-type-unknown', `xl: unknown smbios type '${g.key.value}'`,
      `Unknown SMBIOS string type \`${g.key.value}\`${guess ? ` (did you mean \`${guess}\`?)` : ''}`, 1,
      guess ? { title: `Change to \`${guess}\``, newText: guess, start: g.key.start, end: g.key.end } : undefined));
    return { spec, problems };
  }
  spec.type = { ...asField(g.key), value: type };
  spec.value = asField(g.value!);
  spec.accepted = true;
  return { spec, problems };
}
