// Settings changes: re-read `xlcfg.*` and re-analyse what they affect.

import { DidChangeConfigurationNotification, type Connection, type InitializeParams } from 'vscode-languageserver';
import { guard } from './guard';
import { normalizeSettings, settingsFromPush } from './settings';
import type { Session } from './session';

/** Reads the client's capabilities and any settings passed at start-up (Neovim, Emacs). */
export function initConfiguration(session: Session, params: InitializeParams): void {
  session.canPullConfiguration = params.capabilities.workspace?.configuration === true;
  const initial = settingsFromPush(params.initializationOptions);
  if (initial) session.pushedSettings = normalizeSettings(initial);
}

/** After `initialized`: VS Code only sends settings changes to servers that register for them. */
export async function watchConfiguration(connection: Connection, params: InitializeParams): Promise<void> {
  if (params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'xlcfg' });
  }
}

export function registerConfiguration(connection: Connection, session: Session): void {
  connection.onDidChangeConfiguration(
    guard(session.log, 'applying changed settings', undefined, (change) => session.settingsChanged(settingsFromPush(change.settings))),
  );
}
