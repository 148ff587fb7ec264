// Quick fixes: each fix of each finding under the requested range becomes a code action that
// carries the diagnostic it fixes (so the editor shows it in the lightbulb for that squiggle).

import { CodeActionKind, type CodeAction, type CodeActionParams, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../core/findings';
import { toDiagnostic, toTextEdit } from './convert';
import { guard } from './guard';
import type { Session } from './session';

export const codeActionProvider = { codeActionKinds: [CodeActionKind.QuickFix] };

export function registerCodeActions(connection: Connection, session: Session): void {
  connection.onCodeAction(guard(session.log, 'code actions', [] as CodeAction[], (params) => codeActions(session, params)));
}

export function codeActions(session: Session, params: CodeActionParams): CodeAction[] {
  if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === '')) {
    return [];
  }
  const found = session.analysisOfUri(params.textDocument.uri);
  if (!found) return [];
  const { doc, analysis } = found;
  const from = doc.offsetAt(params.range.start);
  const to = doc.offsetAt(params.range.end);
  const actions: CodeAction[] = [];
  for (const finding of analysis.findings) {
    if (!finding.fixes?.length || !touches(finding, from, to)) continue;
    const diagnostic: Diagnostic = toDiagnostic(doc, finding);
    for (const fix of finding.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.isPreferred ?? false,
        edit: { changes: { [doc.uri]: fix.edits.map((e) => toTextEdit(doc, e)) } },
      });
    }
  }
  return actions;
}

/** A finding applies when it overlaps the range, or touches it (a cursor at either end counts). */
function touches(f: Finding, from: number, to: number): boolean {
  return f.start <= to && from <= f.end;
}
