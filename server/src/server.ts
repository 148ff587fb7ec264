// The xlcfg language server: the only code that speaks LSP. Started by the VS Code client
// over IPC (`--node-ipc`), or by any other editor with `--stdio`.

import {
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { Session } from './lsp/session';
import { describeError, guard } from './lsp/guard';
import { registerDiagnostics } from './lsp/diagnostics';
import { codeActionProvider, registerCodeActions } from './lsp/code-actions';
import { registerHover } from './lsp/hover';
import { completionProvider, registerCompletion } from './lsp/completion';
import { registerDocumentSymbols } from './lsp/document-symbols';
import { registerFolding } from './lsp/folding';
import { codeLensProvider, registerCodeLens } from './lsp/code-lens';
import { initConfiguration, registerConfiguration, watchConfiguration } from './lsp/configuration';
import { registerWatchedFiles } from './lsp/watched-files';
import { initWorkspace, watchWorkspaceFolders } from './lsp/workspace';
import { version as SERVER_VERSION } from '../../package.json';

const connection = createConnection(ProposedFeatures.all);
const session = new Session(connection);
let initializeParams: InitializeParams | undefined;

// Last line of defence: a bug must cost one answer, never the server.
// (Logging itself may fail when the client is gone; that must not throw again.)
const logUnexpected = (what: string, e: unknown) => {
  try {
    connection.console.error(`xlcfg: unexpected ${what}: ${describeError(e)}`);
  } catch {
    // nowhere left to report it
  }
};
process.on('uncaughtException', (e) => logUnexpected('error', e));
process.on('unhandledRejection', (e) => logUnexpected('rejection', e));

connection.onInitialize((params: InitializeParams): InitializeResult => {
  initializeParams = params;
  initConfiguration(session, params);
  initWorkspace(session, params);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider,
      hoverProvider: true,
      completionProvider,
      documentSymbolProvider: { label: 'xl.cfg' },
      foldingRangeProvider: true,
      codeLensProvider,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'xlcfg', version: SERVER_VERSION },
  };
});

connection.onInitialized(
  guard(session.log, 'finishing initialization', undefined, async () => {
    if (!initializeParams) return;
    watchWorkspaceFolders(connection, session, initializeParams);
    await watchConfiguration(connection, initializeParams);
  }),
);
registerConfiguration(connection, session);
registerDiagnostics(session);
registerCodeActions(connection, session);
registerHover(connection, session);
registerCompletion(connection, session);
registerDocumentSymbols(connection, session);
registerFolding(connection, session);
registerCodeLens(connection, session);
registerWatchedFiles(connection, session);
connection.onShutdown(() => session.dispose());

session.documents.listen(connection);
connection.listen();
