// `xlcfg check [--json] FILE...`: every diagnostic the editor would show. The JSON shape is a
// public contract: [{"file", "diagnostics": [{"range", "severity", "code", "message"}]}].

import { analyze } from '../../core/analyze';
import { LineIndex } from '../../core/positions';
import type { Severity } from '../../core/findings';
import { argsOrUsage, readOrReport, type CliCommand, type CliIO } from '../command';
import { resolveEnvironment } from '../environment';

const ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'every diagnostic the editor would show, with fixes',
  usage: 'xlcfg check [--json] [--xen-version X.Y] [--qemu-version X.Y] [--host PROFILE] FILE...',
  run(args: string[], io: CliIO): number {
    const a = argsOrUsage(this, args, io, 'some');
    if (!a) return 2;
    const results = [];
    let worst = 0;
    for (const file of a.files) {
      const bytes = readOrReport(file, io);
      if (!bytes) return 2;
      const env = resolveEnvironment(a, file, io);
      if ('error' in env) {
        io.stderr(`xlcfg: ${env.error}\n`);
        return 2;
      }
      const analysis = analyze(bytes, env.options);
      const index = new LineIndex(analysis.parsed.text);
      const diagnostics = analysis.findings.map((f) => ({
        range: index.rangeOf(f.start, f.end),
        severity: f.severity,
        code: f.code,
        message: f.message,
        ...(f.fixes && f.fixes.length
          ? { fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ range: index.rangeOf(e.start, e.end), newText: e.newText })) })) }
          : {}),
      }));
      if (diagnostics.some((d) => d.severity === 'error')) worst = 1;
      results.push({ file, diagnostics, notes: env.notes });
    }
    if (a.json) {
      io.stdout(JSON.stringify(results.map(({ file, diagnostics }) => ({ file, diagnostics })), null, 2) + '\n');
      return worst;
    }
    for (const { file, diagnostics, notes } of results) {
      for (const n of notes) io.stdout(`${file}: note: ${n}\n`);
      const sorted = [...diagnostics].sort((x, y) => x.range.start.line - y.range.start.line || ORDER[x.severity] - ORDER[y.severity]);
      if (sorted.length === 0) io.stdout(`${file}: no problems found\n`);
      for (const d of sorted) {
        io.stdout(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} [${d.code}] ${d.message}\n`);
        for (const f of d.fixes ?? []) io.stdout(`    fix: ${f.title}\n`);
      }
    }
    return worst;
  },
};
