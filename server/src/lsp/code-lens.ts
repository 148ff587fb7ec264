// Code lenses from the core's code-lens aggregator.

import type { CodeLens, Connection } from 'vscode-languageserver';
import { codeLenses } from '../core/features/codelens';
import { toRange } from './convert';
import { describeError, guard } from './guard';
import type { Session } from './session';

export const codeLensProvider = { resolveProvider: false };

export function registerCodeLens(connection: Connection, session: Session): void {
  connection.onCodeLens(
    guard(session.log, 'code lenses', [] as CodeLens[], (params) => {
      const found = session.analysisOfUri(params.textDocument.uri);
      if (!found) return [];
      const { doc, analysis } = found;
      const entries = codeLenses(analysis, undefined, (e) => session.log.error(`xlcfg: a code lens provider failed: ${describeError(e)}`));
      return entries.map((e) => ({
        range: toRange(doc, e),
        // Without a command id the lens is shown as plain text.
        command: { title: e.title, command: e.command?.id ?? '', arguments: e.command?.arguments, tooltip: e.tooltip },
      }));
    }),
  );
}
