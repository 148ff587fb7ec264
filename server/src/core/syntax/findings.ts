// Syntax errors and warnings become ordinary findings, so the editor and `xlcfg check` show
// them like any other check (and users can tune their severity by code).

import type { Finding } from '../findings';
import type { ParsedConfig } from './parse';

export function syntaxFindings(parsed: ParsedConfig): Finding[] {
  const out: Finding[] = [];
  for (const e of parsed.errors) {
    out.push({ start: e.start, end: e.end, code: e.code, severity: 'error', message: e.message, fixes: e.fixes });
  }
  for (const w of parsed.warnings) {
    out.push({ start: w.start, end: w.end, code: w.code, severity: 'warning', message: w.message, fixes: w.fixes });
  }
  return out;
}
