// Completion: the core's completion aggregator, mapped to LSP items.

import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Connection,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionsAt, type CompletionEntry, type CompletionKind } from '../core/features/completion';
import { toTextEdit } from './convert';
import { describeError, guard } from './guard';
import type { Session } from './session';

export const completionProvider = { triggerCharacters: ['=', '"', "'", ',', '['], resolveProvider: false };

const KIND: Record<CompletionKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  unit: CompletionItemKind.Unit,
  file: CompletionItemKind.File,
  keyword: CompletionItemKind.Keyword,
};

export function registerCompletion(connection: Connection, session: Session): void {
  connection.onCompletion(
    guard(session.log, 'completion', [] as CompletionItem[], (params) => {
      const found = session.analysisOfUri(params.textDocument.uri);
      if (!found) return [];
      const { doc, analysis } = found;
      const entries = completionsAt(analysis, doc.offsetAt(params.position), undefined, (e) =>
        session.log.error(`xlcfg: a completion provider failed: ${describeError(e)}`),
      );
      return entries.map((e) => toItem(doc, e));
    }),
  );
}

function toItem(doc: TextDocument, e: CompletionEntry): CompletionItem {
  const item: CompletionItem = { label: e.label, kind: KIND[e.kind] ?? CompletionItemKind.Text };
  if (e.detail) item.detail = e.detail;
  if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
  if (e.edit) item.textEdit = toTextEdit(doc, e.edit);
  if (e.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
  if (e.additionalEdits?.length) item.additionalTextEdits = e.additionalEdits.map((a) => toTextEdit(doc, a));
  if (e.sortText) item.sortText = e.sortText;
  if (e.filterText) item.filterText = e.filterText;
  if (e.deprecated) item.tags = [CompletionItemTag.Deprecated];
  if (e.preselect) item.preselect = true;
  return item;
}
