// `xlcfg parse --json FILE...`: what Xen's parser makes of each file. The JSON shape is a
// public contract (users script against it): add fields, never rename or drop one.

import { parseConfig } from '../../core/syntax/parse';
import { LineIndex } from '../../core/positions';
import type { Value } from '../../core/syntax/tree';
import { argsOrUsage, readOrReport, type CliCommand, type CliIO } from '../command';

type JsonValue = string | JsonValue[];

function valueJson(v: Value): JsonValue {
  return v.kind === 'string' ? v.value : v.items.map(valueJson);
}

export function parseReport(bytes: Uint8Array) {
  const parsed = parseConfig(bytes);
  const index = new LineIndex(parsed.text);
  return {
    ok: parsed.ok,
    errors: parsed.errors.map((e) => ({
      line: e.xenLine,
      message: e.message,
      range: index.rangeOf(e.start, e.end),
      code: e.code,
      ...(e.xenMessage !== undefined ? { xenMessage: e.xenMessage } : {}),
    })),
    settings: parsed.settings.map((s) => ({
      name: s.name,
      op: s.op,
      line: s.line,
      value: valueJson(s.value),
      stored: s.stored,
      ...(s.accumulated ? { accumulated: valueJson(s.accumulated) } : {}),
    })),
    warnings: parsed.warnings.map((w) => ({ message: w.message, code: w.code, range: index.rangeOf(w.start, w.end) })),
    crashes: parsed.crashes,
    looksLikePython: parsed.looksLikePython,
    xenReport: parsed.xenReport,
  };
}

export const parseCommand: CliCommand = {
  name: 'parse',
  summary: "what Xen's parser makes of each file: accepted or not, errors with Xen's line, every setting",
  usage: 'xlcfg parse [--json] FILE...',
  run(args: string[], io: CliIO): number {
    const a = argsOrUsage(this, args, io, 'some');
    if (!a) return 2;
    const reports = [];
    let status = 0;
    for (const file of a.files) {
      const bytes = readOrReport(file, io);
      if (!bytes) return 2;
      const r = parseReport(bytes);
      if (!r.ok) status = 1;
      reports.push({ file, r });
    }
    if (a.json) {
      const out = reports.map(({ r }) => r);
      io.stdout(JSON.stringify(out.length === 1 ? out[0] : out, null, 2) + '\n');
      return status;
    }
    for (const { file, r } of reports) {
      io.stdout(`${file}: ${r.ok ? 'accepted by xl' : 'rejected by xl'} (${r.settings.length} settings)\n`);
      for (const e of r.errors) {
        io.stdout(`  ${file}:${e.range.start.line + 1}:${e.range.start.character + 1}: error: ${e.message}\n`);
        if (e.xenMessage) io.stdout(`    xl says: ${file}:${e.line}: ${e.xenMessage}\n`);
      }
      for (const w of r.warnings) io.stdout(`  ${file}:${w.range.start.line + 1}:${w.range.start.character + 1}: warning: ${w.message}\n`);
      for (const s of r.settings) io.stdout(`  ${String(s.line).padStart(4)}  ${s.name} ${s.op} ${JSON.stringify(s.value)}${s.stored ? '' : '   (not stored by xl)'}\n`);
    }
    return status;
  },
};
