#!/usr/bin/env node
// Runs the bundled language server once on the bundled example (open, then a few edits) and
// keeps V8's compiled code as dist/server-bundle.v8cache, which server/src/boot.ts loads at
// start. Best effort: if anything fails, the server just starts without the cache.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist', 'server-bundle.v8cache');
const example = fs.readFileSync(path.join(root, 'examples', 'gpu-passthrough.xl.cfg'), 'utf8');
fs.rmSync(out, { force: true });

const child = spawn(process.execPath, [path.join(root, 'dist', 'server.js'), '--stdio'], {
  env: { ...process.env, XLCFG_V8CACHE_OUT: out },
  stdio: ['pipe', 'pipe', 'ignore'],
});
const send = (m) => {
  const s = JSON.stringify({ jsonrpc: '2.0', ...m });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
};
const uri = 'file:///warm-up/gpu-passthrough.xl.cfg';
let seen = 0;
const finish = (ok) => {
  clearTimeout(deadline);
  send({ id: 2, method: 'shutdown' });
  send({ method: 'exit' });
  // Never let a stuck server hold the build: its pipes would keep this process alive.
  const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
  child.once('exit', () => clearTimeout(kill));
  if (!ok) console.warn('warm-server-cache: no V8 cache written; the server will compile at start');
};
const deadline = setTimeout(() => finish(false), 20000);
child.stdout.on('data', (d) => {
  seen += (d.toString().match(/publishDiagnostics/g) || []).length;
  if (seen >= 1 && fs.existsSync(out)) finish(true);
});
send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
send({ method: 'initialized', params: {} });
send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'xlcfg', version: 1, text: example } } });
