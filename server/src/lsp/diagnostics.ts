// Diagnostics are pushed: every open and every edit is analysed at once (no debounce: a 1 KB
// config analyses in well under a millisecond) and its findings published for that version.

import type { Session } from './session';
import { guard } from './guard';

export function registerDiagnostics(session: Session): void {
  const { documents, log } = session;
  // TextDocuments fires onDidChangeContent for didOpen as well as for didChange.
  documents.onDidChangeContent(guard(log, 'analysing a document', undefined, (e) => session.contentChanged(e.document)));
  documents.onDidClose(guard(log, 'closing a document', undefined, (e) => session.closed(e.document.uri)));
}
