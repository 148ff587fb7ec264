#!/usr/bin/env node
// One-off generator of server/src/core/catalog/keys.ts from the research reference
// (xl-cfg-keys.json). After the first run the catalog is ours: edit keys.ts directly, and use
// this script only to see what a newer reference would add (run it to a scratch file and diff).
//
//   node scripts/gen-key-catalog.js REFERENCE_JSON > server/src/core/catalog/keys.ts
//
// Descriptions are composed here in our own words from the reference's facts (what the key
// does, how xl reads it, where it applies, its default and first release), never from the
// xl.cfg(5) man page.

'use strict';
const fs = require('fs');

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: gen-key-catalog.js xl-cfg-keys.json\n');
  process.exit(2);
}
const keys = JSON.parse(fs.readFileSync(file, 'utf8'));

// Release facts for 4.13..4.22 that the reference does not carry as fields, taken from
// xl_parse.c and libxl_types.idl of each release tag.
const EXTRA = {
  device_model_version: {
    enumValues: ['qemu-xen', 'qemu-xen-traditional'],
    enumHistory: [{ value: 'qemu-xen-traditional', removedIn: '4.21' }],
    defaultHistory: [
      { until: '4.20', value: 'qemu-xen; qemu-xen-traditional for an HVM guest with device_model_stubdomain_override=1, or when qemu-xen is not installed' },
      { since: '4.21', value: 'qemu-xen' },
    ],
  },
  bios: {
    defaultHistory: [
      { until: '4.20', value: 'seabios (rombios when the device model is qemu-xen-traditional)' },
      { since: '4.21', value: 'seabios' },
    ],
  },
  videoram: {
    defaultHistory: [
      { until: '4.20', value: '8 (cirrus), 16 (stdvga), 128 (qxl), 0 (none); with qemu-xen-traditional 4 (cirrus, the only size it accepts) and 8 (stdvga)' },
      { since: '4.21', value: '8 (cirrus), 16 (stdvga), 128 (qxl), 0 (none)' },
    ],
  },
  stubdomain_memory: {
    defaultHistory: [
      { until: '4.20', value: '128 for a Linux stub domain (qemu-xen), 28 for a MiniOS one (qemu-xen-traditional)' },
      { since: '4.21', value: '128' },
    ],
  },
  vcpus: {
    behaviour: [
      { since: '4.22', note: 'A value below 1 is treated as 1.' },
      { until: '4.21', note: 'A value below 1 leaves the guest without online vCPUs in the configuration xl builds (libxl later fails).' },
    ],
  },
  tsc_mode: {
    behaviour: [{ until: '4.18', note: 'xl echoes the string it read ("got a tsc mode string") on stderr.' }],
  },
  bootloader: {
    behaviour: [{ since: '4.18', note: 'An xl built without pygrub refuses bootloader="pygrub" (and "/usr/bin/pygrub").' }],
  },
};

const TYPE_WORDS = {
  defbool: 'a boolean read as a number (0 is false, any other number is true; words like "yes" are not numbers)',
  boolean: 'a number used as a boolean (0 off, anything else on)',
  string: 'a string',
  integer: 'an integer (C strtol base 0: a leading 0 means octal, 0x hexadecimal)',
  enum: 'one of a fixed set of names',
  'list-of-specs': 'a list of spec strings, one device per item',
  'list-of-strings': 'a list of strings',
  'string-or-list': 'a string or a list of strings',
  'spec-string': 'a single spec string of comma-separated options',
  'list-of-lists': 'a list of lists',
  'boolean|enum': 'a number used as a boolean, or one of a fixed set of names',
  'list-of-strings|boolean': 'a list of names, or a number used as a boolean',
};

function guestWords(g) {
  const names = { pv: 'PV', pvh: 'PVH', hvm: 'HVM' };
  if (g.length === 3) return 'every guest type';
  return g.map((x) => names[x]).join(' and ') + ' guests';
}

function lowerFirst(s) {
  return s && /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

function describe(k) {
  const parts = [];
  parts.push(k.summary.replace(/\s+$/, '').replace(/([^.])$/, '$1.'));
  let type = TYPE_WORDS[k.valueType] ?? k.valueType;
  const values = (EXTRA[k.name] && EXTRA[k.name].enumValues) || k.enumValues;
  if (values && /enum/.test(k.valueType)) {
    type = type.replace('one of a fixed set of names', `one of ${values.length > 8 ? values.slice(0, 8).join(', ') + ' and others' : values.join(', ')}`);
  }
  const range = k.range && (k.range.min !== undefined || k.range.max !== undefined)
    ? k.range.min !== undefined && k.range.max !== undefined
      ? `, from ${k.range.min} to ${k.range.max}`
      : k.range.min !== undefined ? `, at least ${k.range.min}` : `, at most ${k.range.max}`
    : '';
  parts.push(`The value is ${type}${k.units ? `, in ${k.units}` : ''}${range}.`);
  const arch = k.arch === 'all' ? '' : ` on ${k.arch === 'x86' ? 'x86' : 'Arm'} hosts`;
  parts.push(`It matters for ${guestWords(k.guestTypes)}${arch}.`);
  if (k.default !== null && k.default !== undefined && k.default !== '') parts.push(`Left out, it defaults to ${lowerFirst(String(k.default))}.`);
  if (k.deprecated && k.deprecated.deprecated) {
    parts.push(
      `Deprecated since Xen ${k.deprecated.deprecatedSince}${k.deprecated.replacement ? `; use ${k.deprecated.replacement} instead` : ''}.`,
    );
  }
  parts.push(`First accepted by xl in Xen ${k.sinceVersion}.`);
  return parts.join(' ');
}

/** JSON-ish TypeScript literal: short values on one line, objects one property a line. */
function format(v, indent) {
  const flat = inline(v);
  if (v === null || typeof v !== 'object' || flat.length + indent.length < 100) return flat;
  const inner = indent + '  ';
  if (Array.isArray(v)) return '[\n' + v.map((x) => inner + format(x, inner)).join(',\n') + ',\n' + indent + ']';
  return '{\n' + Object.entries(v).map(([k, x]) => `${inner}${key(k)}: ${format(x, inner)}`).join(',\n') + ',\n' + indent + '}';
}

function inline(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(inline).join(', ') + ']';
  const body = Object.entries(v).map(([k, x]) => `${key(k)}: ${inline(x)}`).join(', ');
  return body ? `{ ${body} }` : '{}';
}

function key(k) {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
}

const out = [];
out.push('// The key catalog: one entry per xl.cfg key xl reads, with the facts checks, hovers and');
out.push('// completion need. Seeded once from the research reference by scripts/gen-key-catalog.js and');
out.push('// owned by the project since: edit entries here. Release-dependent facts are expressed as');
out.push('// `since`/`removedIn` on the entry and as `history` records; see catalog.ts for lookups.');
out.push('');
out.push("import type { KeyEntry } from './types';");
out.push('');
out.push('export const KEY_ENTRIES: readonly KeyEntry[] = [');
for (const k of keys) {
  const extra = EXTRA[k.name] ?? {};
  const e = {
    name: k.name,
    valueType: k.valueType,
    specGrammar: k.specGrammar,
    guestTypes: k.guestTypes,
    readFor: k.xlReadsFor.map((s) => s.split(' ')[0]),
    arch: k.arch,
    units: k.units,
    range: k.range,
    enumValues: extra.enumValues ?? k.enumValues,
    enumCaseInsensitive: k.enumCaseInsensitive ?? false,
    xlReadAs: k.xlReadAs,
    default: k.default,
    since: k.sinceVersion,
    deprecated: k.deprecated.deprecated
      ? { since: k.deprecated.deprecatedSince, replacement: k.deprecated.replacement ?? null, note: k.deprecated.note ?? null }
      : null,
    documented: k.source.startsWith('code+man'),
    description: describe(k),
    notes: k.notes ?? null,
    xlMessages: k.validation.map((v) => ({ message: v.message, fatal: v.fatal, trigger: v.trigger })),
  };
  if (extra.enumHistory) e.enumHistory = extra.enumHistory;
  if (extra.behaviour) e.behaviour = extra.behaviour;
  if (extra.defaultHistory) e.defaultHistory = extra.defaultHistory;
  out.push('  ' + format(e, '  ') + ',');
}
out.push('];');
out.push('');
process.stdout.write(out.join('\n'));
