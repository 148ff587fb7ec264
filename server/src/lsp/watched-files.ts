// Host-profile changes reported by the client's file watcher (the server also watches the
// folders itself with fs.watch; this covers remote and virtual file systems).

import type { Connection } from 'vscode-languageserver';
import { guard } from './guard';
import { uriToPath, type Session } from './session';

export function registerWatchedFiles(connection: Connection, session: Session): void {
  connection.onDidChangeWatchedFiles(
    guard(session.log, 'applying a host profile change', undefined, (params) => {
      for (const change of params.changes) {
        const p = uriToPath(change.uri);
        if (p) session.profileChanged(p);
      }
    }),
  );
}
