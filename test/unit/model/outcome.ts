// What `xl -N create` does with a config according to our model, in the shape the recorded
// oracle answers have (exit status, crash signal, stderr lines, dry-run JSON), and the
// differences between two such outcomes. Shared by the xl-case, fixture and oracle tests.

import { parseConfig } from '../../../server/src/core/syntax/parse';
import { ConfigView } from '../../../server/src/core/model/config-view';
import { buildDomain, libxlJsonToPlain, toLibxlJson, type BuildOptions, type DomainModel } from '../../../server/src/core/model/domain';
import { stderrLines } from '../../../server/src/core/model/domain/xl-reader';
import type { XenVersion } from '../../../server/src/core/xen-version';

export interface XlOutcome {
  exitStatus: number | null;
  crashSignal: string | null;
  stderr: string[];
  /** The dry-run JSON without c_info.uuid (xl makes one up when the config has none). */
  dryRunJson: Record<string, unknown> | null;
}

export interface ModelOutcome extends XlOutcome {
  /** The file failed libxlutil's parser: xl stops before the model matters. */
  parseFailed: boolean;
  model?: DomainModel;
}

export function modelOutcome(input: string | Uint8Array, release: XenVersion, options: BuildOptions): ModelOutcome {
  const parsed = parseConfig(input);
  if (parsed.crashes) return { parseFailed: true, exitStatus: null, crashSignal: 'SIGABRT', stderr: [], dryRunJson: null };
  if (!parsed.ok) return { parseFailed: true, exitStatus: 1, crashSignal: null, stderr: ['Failed to parse config: Invalid argument'], dryRunJson: null };
  const model = buildDomain(new ConfigView(parsed.settings), release, options);
  const stderr = stderrLines(model.messages);
  if (model.exit?.crash) return { parseFailed: false, exitStatus: null, crashSignal: model.exit.crash, stderr, dryRunJson: null, model };
  if (model.exit) return { parseFailed: false, exitStatus: model.exit.exitCode ?? 1, crashSignal: null, stderr, dryRunJson: null, model };
  const json = libxlJsonToPlain(toLibxlJson(model, release)) as Record<string, unknown>;
  return { parseFailed: false, exitStatus: 0, crashSignal: null, stderr, dryRunJson: withoutUuid(json), model };
}

export function withoutUuid<T>(json: T): T {
  const copy = JSON.parse(JSON.stringify(json)) as { c_info?: { uuid?: string } };
  if (copy && copy.c_info) delete copy.c_info.uuid;
  return copy as T;
}

/** Human-readable differences between our outcome and xl's (empty when they agree). */
const SIGNALS: Record<string, string> = { '6': 'SIGABRT', '11': 'SIGSEGV' };

export function outcomeDifferences(ours: ModelOutcome, xl: XlOutcome): string[] {
  const out: string[] = [];
  const theirSignal = xl.crashSignal === null ? null : (SIGNALS[String(xl.crashSignal)] ?? String(xl.crashSignal));
  if (ours.crashSignal || theirSignal) {
    if (ours.crashSignal !== theirSignal) out.push(`crash: ours ${ours.crashSignal ?? 'none'}, xl ${theirSignal ?? 'none'}`);
    return out;
  }
  if (ours.exitStatus !== xl.exitStatus) out.push(`exit status: ours ${ours.exitStatus}, xl ${xl.exitStatus}`);
  if (ours.parseFailed) {
    // The parser's own messages are the syntax tests' business; xl's last line is ours.
    if (xl.stderr[xl.stderr.length - 1] !== 'Failed to parse config: Invalid argument') out.push('xl did not reject the file at parse time');
    return out;
  }
  if (JSON.stringify(ours.stderr) !== JSON.stringify(xl.stderr)) {
    out.push(`stderr:\n  ours ${JSON.stringify(ours.stderr)}\n  xl   ${JSON.stringify(xl.stderr)}`);
  }
  if (xl.dryRunJson && ours.dryRunJson) jsonDifferences(ours.dryRunJson, xl.dryRunJson, '', out);
  return out;
}

export function jsonDifferences(a: unknown, b: unknown, at: string, out: string[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    for (const k of new Set([...ka, ...kb])) {
      jsonDifferences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at ? `${at}.${k}` : k, out);
    }
    if (ka.filter((k) => kb.includes(k)).join() !== kb.filter((k) => ka.includes(k)).join()) out.push(`${at || '(top)'}: field order differs`);
    return;
  }
  out.push(`${at}: ours ${JSON.stringify(a)}, xl ${JSON.stringify(b)}`);
}
