// Workspace folders: the host profile falls back to `xen-host.json` at the folder's root.

import type { Connection, InitializeParams, WorkspaceFolder } from 'vscode-languageserver';
import { guard } from './guard';
import { uriToPath, type Session } from './session';

export function initWorkspace(session: Session, params: InitializeParams): void {
  const folders: WorkspaceFolder[] = params.workspaceFolders ?? [];
  const roots = folders.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  if (roots.length === 0 && params.rootUri) {
    const p = uriToPath(params.rootUri);
    if (p) roots.push(p);
  }
  session.workspaceRoots = roots;
}

/** After `initialized`: follow folders being added to or removed from the workspace. */
export function watchWorkspaceFolders(connection: Connection, session: Session, params: InitializeParams): void {
  if (!params.capabilities.workspace?.workspaceFolders) return;
  connection.workspace.onDidChangeWorkspaceFolders(
    guard(session.log, 'applying workspace folder changes', undefined, (e) => {
      const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
      const added = e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
      session.workspaceRoots = [...session.workspaceRoots.filter((r) => !removed.has(r)), ...added];
      session.republishAll();
    }),
  );
}
