// Runs the extension-host suite (test/e2e/suite/) in the desktop VS Code (Electron) through
// @vscode/test-electron: the same mocha files the code-server e2e test runs in the browser.
// test-electron has to download VS Code; where that is impossible (an offline machine, CI
// without internet), this prints why and exits 0, because the code-server e2e test already
// runs the same suite in VS Code 1.100.3.

import * as fs from 'fs';
import * as path from 'path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

/** The release code-server 4.100.3 ships, and the oldest `engines.vscode` allows. */
const VSCODE_VERSION = '1.100.3';
const ROOT = path.resolve(__dirname, '../../..');

function isOffline(e: unknown): boolean {
  const text = `${(e as Error)?.message ?? e} ${(e as NodeJS.ErrnoException)?.code ?? ''}`;
  return /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|certificate/i.test(text);
}

async function main(): Promise<number> {
  let executable: string;
  try {
    executable = await downloadAndUnzipVSCode(VSCODE_VERSION);
  } catch (e) {
    if (!isOffline(e)) throw e;
    console.log(
      [
        `test:desktop skipped: VS Code ${VSCODE_VERSION} (desktop) cannot be downloaded here (${(e as Error).message}).`,
        'No npm or Debian package ships a VS Code or Electron build, so @vscode/test-electron needs the download.',
        'The same extension-host suite runs in VS Code 1.100.3 through code-server: npm run test:e2e.',
      ].join('\n'),
    );
    return 0;
  }

  // A throw-away copy of the e2e workspace (the suite edits documents, and settings are written to it).
  const workspace = path.join(ROOT, '.vscode-test', 'workspace');
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });

  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'test', 'e2e', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (e) {
    console.error(`test:desktop failed: ${(e as Error).message ?? e}`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`test:desktop could not run: ${(e as Error)?.stack ?? e}`);
    process.exit(1);
  },
);
