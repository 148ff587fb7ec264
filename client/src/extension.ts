// The VS Code client: starts the bundled language server and adds the one command that needs
// the editor's API. Everything about xl.cfg itself lives in the server.

import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const LANGUAGE_ID = 'xlcfg';
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('xlcfg.treatAsXlConfig', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('xlcfg: open the file you want to check as a Xen xl.cfg config first.');
        return;
      }
      await vscode.languages.setTextDocumentLanguage(editor.document, LANGUAGE_ID);
    }),
  );

  // dist/extension.js and dist/server.js sit side by side in the packaged extension.
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: LANGUAGE_ID, scheme: 'file' },
      { language: LANGUAGE_ID, scheme: 'untitled' },
    ],
    synchronize: {
      // Host profiles can change outside the editor (a script regenerates them); the server
      // also watches the files itself, this covers clients and file systems where it cannot.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/xen-host.json'),
    },
  };
  client = new LanguageClient('xlcfg', 'Xen xl.cfg language server', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
