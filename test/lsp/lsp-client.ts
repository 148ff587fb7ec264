// A minimal LSP client for the protocol tests: spawns `node dist/server.js --stdio`, speaks
// JSON-RPC over its pipes, and turns notifications into awaitable events (no sleeps).

import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic, InitializeParams, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

/** The repository root, from out/test/lsp/ (compiled) or test/lsp/ (source). */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const FIXTURES = path.join(ROOT, 'test', 'lsp', 'fixtures');

interface Waiter {
  uri: string;
  accept: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export interface ClientOptions {
  /** Answer workspace/configuration with these `xlcfg` settings (omit: the client lacks the capability). */
  settings?: Record<string, unknown>;
  workspaceFolder?: string;
  initializationOptions?: unknown;
}

export class TestClient {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  private waiters: Waiter[] = [];
  readonly exited: Promise<number | null>;
  settings: Record<string, unknown> | undefined;

  constructor(private readonly options: ClientOptions = {}) {
    this.settings = options.settings;
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      const still: Waiter[] = [];
      for (const w of this.waiters) {
        if (w.uri === p.uri && w.accept(p)) w.resolve(p);
        else still.push(w);
      }
      this.waiters = still;
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((i) => (i.section === 'xlcfg' ? (this.settings ?? {}) : null)),
    );
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.listen();
  }

  async initialize(): Promise<unknown> {
    const folder = this.options.workspaceFolder;
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: folder ? uriOf(folder) : null,
      workspaceFolders: folder ? [{ uri: uriOf(folder), name: path.basename(folder) }] : null,
      initializationOptions: this.options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: this.options.settings !== undefined,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    };
    const result = await this.conn.sendRequest('initialize', params);
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next publishDiagnostics for `uri` that `accept` takes. */
  diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, accept, resolve }));
  }

  /** Opens a document and resolves with the diagnostics published for that version. */
  async open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    const published = this.diagnostics(uri, (p) => p.version === version);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xlcfg', version, text } });
    return (await published).diagnostics;
  }

  /** Replaces the whole text and resolves with the diagnostics for the new version. */
  async change(uri: string, version: number, text: string): Promise<Diagnostic[]> {
    const published = this.diagnostics(uri, (p) => p.version === version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return (await published).diagnostics;
  }

  /**
   * shutdown + exit, resolving with the exit status. A server that does not answer within
   * `graceMs` (hung) is killed, and the result is 'hung' so the caller's assertion fails clearly.
   */
  async stop(graceMs = 5000): Promise<number | null | 'hung'> {
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), graceMs)));
    const orderly = (async () => {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
      return this.exited;
    })();
    try {
      const result = await Promise.race([orderly, hung]);
      if (result === 'hung') this.kill();
      return result;
    } finally {
      clearTimeout(timer);
      this.conn.dispose();
    }
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill();
    this.conn.dispose();
  }
}

export function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}
