// Outline: one symbol per assignment, list items as children.

import { SymbolKind, type Connection, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentSymbols, type SymbolEntry } from '../core/features/symbols';
import { guard } from './guard';
import type { Session } from './session';

const KIND = { string: SymbolKind.String, number: SymbolKind.Number, list: SymbolKind.Array } as const;

export function registerDocumentSymbols(connection: Connection, session: Session): void {
  connection.onDocumentSymbol(
    guard(session.log, 'document symbols', [] as DocumentSymbol[], (params) => {
      const found = session.analysisOfUri(params.textDocument.uri);
      if (!found) return [];
      return documentSymbols(found.analysis.parsed.settings).map((s) => toSymbol(found.doc, s, true));
    }),
  );
}

function toSymbol(doc: TextDocument, s: SymbolEntry, topLevel: boolean): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    // A key is a property of the guest; its items are values of their own kind.
    kind: topLevel ? SymbolKind.Property : KIND[s.kind],
    range: { start: doc.positionAt(s.start), end: doc.positionAt(s.end) },
    selectionRange: { start: doc.positionAt(s.selectionStart), end: doc.positionAt(s.selectionEnd) },
    children: s.children.map((c) => toSymbol(doc, c, false)),
  };
}
