// End-to-end tests in a real VS Code: code-server (VS Code 1.100.3 in the browser) driven by
// headless Chromium through playwright-core, fully offline.
//  1. UI: the packaged dist/xlcfg.vsix is installed; opening a broken config shows the error
//     squiggle, its hover and its Problems entry, as a person would see them (screenshot in
//     .e2e/artifacts/).
//  2. Extension host: test/e2e/suite/*.suite.js run inside the editor with the `vscode` API
//     (loaded through the workbench's `payload` URL parameter), against the development copy.
// `npm run test:e2e` packages the extension first; this file packages nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const E2E = path.join(ROOT, '.e2e');
const CODE_SERVER = path.join(E2E, 'code-server', 'node_modules', '.bin', 'code-server');
const VSIX = path.join(ROOT, 'dist', 'xlcfg.vsix');
const ARTIFACTS = path.join(E2E, 'artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 30_000;

const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 100,
};

const started = Date.now();
const laps = [];
function lap(name) {
  laps.push({ step: name, seconds: Number(((Date.now() - started) / 1000).toFixed(2)) });
}

let run; // this run's folder: user data, extensions, workspace, logs
const runDirs = {}; // its sub-folders
let server; // the code-server process (its own process group)
let serverExited;
let context; // the Chromium browser context
let baseUrl;
const foreignRequests = [];

before(async () => {
  execFileSync('bash', [path.join(ROOT, 'test', 'e2e', 'install-code-server.sh')], { stdio: 'inherit' });
  assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium, or set CHROMIUM=/path/to/chromium`);
  assert.ok(fs.existsSync(VSIX), `${path.relative(ROOT, VSIX)} is missing: run \`npm run package\` (npm run test:e2e does)`);
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run bundle`');
  lap('code-server present');

  // Keep only the latest run's folder.
  fs.mkdirSync(path.join(E2E, 'runs'), { recursive: true });
  for (const old of fs.readdirSync(path.join(E2E, 'runs'))) fs.rmSync(path.join(E2E, 'runs', old), { recursive: true, force: true });
  run = path.join(E2E, 'runs', `run-${Date.now()}`);
  const dirs = { ud: path.join(run, 'ud'), ext: path.join(run, 'ext'), ws: path.join(run, 'workspace'), xdg: path.join(run, 'xdg'), browser: path.join(run, 'browser') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of fs.readdirSync(ARTIFACTS)) if (f.startsWith('failure')) fs.rmSync(path.join(ARTIFACTS, f)); // from an earlier run
  fs.mkdirSync(path.join(dirs.ud, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.ud, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), dirs.ws, { recursive: true });
  // The bundled examples (a GPU passthrough guest and its host profile) for the layout checks.
  fs.cpSync(path.join(ROOT, 'examples'), path.join(dirs.ws, 'examples'), { recursive: true });
  Object.assign(runDirs, dirs);

  // Per-run XDG folders: code-server writes a default config even for --install-extension.
  const env = { ...process.env, XDG_CONFIG_HOME: dirs.xdg, XDG_DATA_HOME: dirs.xdg, XDG_CACHE_HOME: dirs.xdg, EXTENSIONS_GALLERY: '{}' };
  execFileSync(CODE_SERVER, ['--user-data-dir', dirs.ud, '--extensions-dir', dirs.ext, '--install-extension', VSIX], { env, stdio: 'pipe' });
  assert.ok(fs.readdirSync(dirs.ext).some((d) => d.startsWith('xlcfg.xlcfg-')), 'the .vsix was installed');
  lap('vsix installed');

  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(run, 'code-server.log'), 'w');
  server = spawn(
    CODE_SERVER,
    [
      '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override',
      '--user-data-dir', dirs.ud, '--extensions-dir', dirs.ext,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  serverExited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
  // Ready when it says it listens (an event, not a poll).
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 30 s; see ${path.join(run, 'code-server.log')}`)), STEP_TIMEOUT_MS);
    const onData = (chunk) => {
      fs.writeSync(log, chunk);
      if (chunk.toString().includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before listening; see ${path.join(run, 'code-server.log')}`));
    });
  });
  lap('code-server listening');

  context = await chromium.launchPersistentContext(dirs.browser, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, XDG_CONFIG_HOME: dirs.xdg },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Nothing may leave the machine: record every request not to the loopback code-server.
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (/^(https?|wss?):$/.test(u.protocol) && !['127.0.0.1', 'localhost'].includes(u.hostname)) foreignRequests.push(r.url());
  });
  lap('browser launched');
});

after(async () => {
  try {
    if (context) await context.close();
  } finally {
    if (server && server.exitCode === null && server.signalCode === null) {
      process.kill(-server.pid, 'SIGTERM'); // the whole group: code-server, its extension host, watcher, language server
      let timer;
      await Promise.race([serverExited, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
      clearTimeout(timer);
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    lap('shut down');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'timings.json'), JSON.stringify(laps, null, 2) + '\n');
    console.log(`e2e laps (s since start): ${laps.map((l) => `${l.step} ${l.seconds}`).join(', ')}`);
  }
});



test('UI: the packaged extension shows the squiggle, its hover and the Problems entry for a broken config', async () => {
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(runDirs.ws)}`);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    lap('workbench visible');

    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.type('broken.xl.cfg');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'broken.xl.cfg' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    await page.locator('#status\\.editor\\.mode', { hasText: 'Xen xl.cfg' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    lap('editor open as Xen xl.cfg');

    const squiggle = page.locator('.monaco-editor .squiggly-error').first();
    await squiggle.waitFor({ timeout: STEP_TIMEOUT_MS });
    lap('squiggle shown');

    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Unterminated string' }).first();
    await row.waitFor({ timeout: STEP_TIMEOUT_MS });
    const rowText = (await row.innerText()).replace(/\s+/g, ' ');
    assert.match(rowText, /xl rejects the whole file/);
    assert.match(rowText, /\[Ln 6, Col 9\]/, `Problems row: ${rowText}`);
    lap('Problems entry found');

    // Hover the squiggle as a person would: the diagnostic's message appears.
    const box = await squiggle.boundingBox();
    assert.ok(box, 'the squiggle has a position on screen');
    await page.mouse.move(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
    const hover = page.locator('.monaco-hover-content', { hasText: 'Unterminated string' }).first();
    await hover.waitFor({ timeout: STEP_TIMEOUT_MS });
    lap('hover read');

    await page.screenshot({ path: path.join(ARTIFACTS, 'code-server.png') });
    assert.deepEqual(foreignRequests, [], 'the browser only talked to the local code-server');
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'failure.png') }).catch(() => {});
    throw e;
  } finally {
    await page.close();
  }
});

test('extension host: the vscode-API suite passes inside the editor', async () => {
  const page = await context.newPage();
  const lines = [];
  let timer;
  try {
    const exitCode = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    const consoleLog = fs.createWriteStream(path.join(run, 'extension-host-console.log'));
    let inMocha = false;
    page.on('console', (m) => {
      // The workbench prefixes forwarded extension-host output with a CSS colour directive.
      const text = m.text().replace(/^%c\s*\w+\s+color:\s*#\w+\s?/, '');
      consoleLog.write(text + '\n');
      // Keep mocha's report (from the first suite title to the summary); skip workbench noise.
      if (text.includes('xlcfg in the editor')) inMocha = true;
      if (inMocha) lines.push(text);
    });
    const authority = new URL(baseUrl).host;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${authority}${ROOT}`],
      ['extensionTestsPath', `vscode-remote://${authority}${path.join(ROOT, 'test', 'e2e', 'suite', 'index.js')}`],
    ]);
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(runDirs.ws)}&payload=${encodeURIComponent(payload)}`);
    const code = await Promise.race([
      exitCode,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the extension-host suite did not finish in 120 s')), SUITE_TIMEOUT_MS))),
    ]);
    lap('extension-host suite done');
    console.log(lines.join('\n'));
    assert.equal(code, 0, `extension-host suite failed:\n${lines.join('\n')}`);
    assert.ok(lines.some((l) => /\d+ passing/.test(l)), 'mocha reported its results');
    assert.ok(!lines.some((l) => /\d+ failing/.test(l)));
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'failure-extension-host.png') }).catch(() => {});
    throw e;
  } finally {
    clearTimeout(timer);
    await page.close();
  }
});

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
