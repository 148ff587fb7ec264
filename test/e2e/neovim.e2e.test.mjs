// A second real editor: Neovim's built-in LSP client drives `node dist/server.js --stdio`
// (diagnostics at the right byte columns after Neovim's UTF-16 conversion, hover, a quick fix
// applied by the editor). Skips with the reason when nvim is not installed
// (apt-get install -y --no-install-recommends neovim).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skip = nvim.status === 0 ? false : 'nvim is not installed (apt-get install -y --no-install-recommends neovim)';

test('Neovim: diagnostics, hover and a quick fix through its built-in LSP client', { skip, timeout: 60_000 }, () => {
  assert.ok(fs.existsSync(SERVER), 'dist/server.js is missing: run `npm run bundle`');
  // Copies: the script edits the buffer (never saved, but keep the fixtures untouchable).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlcfg-nvim-'));
  try {
    const hvm = path.join(dir, 'broken.xl.cfg');
    const emoji = path.join(dir, 'emoji.xl.cfg');
    fs.copyFileSync(path.join(ROOT, 'test', 'e2e', 'workspace', 'broken.xl.cfg'), hvm);
    fs.copyFileSync(path.join(ROOT, 'test', 'lsp', 'fixtures', 'unterminated-after-emoji.cfg'), emoji);
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(ROOT, 'test', 'e2e', 'neovim', 'lsp-check.lua')}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 50_000, // a Lua error can leave headless nvim running; the script always quits, this is the backstop
      env: { ...process.env, SERVER_JS: SERVER, HVM_CFG: hvm, EMOJI_CFG: emoji, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_STATE_HOME: dir },
    });
    const output = `${r.stdout}${r.stderr}`;
    for (const line of r.stdout.split('\n').filter(Boolean)) console.log(line);
    assert.equal(r.error, undefined, `nvim did not finish: ${r.error?.message}\n${output}`);
    assert.match(r.stdout, /^0 failed$/m, output);
    assert.equal(r.status, 0, output);
    assert.ok((r.stdout.match(/^ok - /gm) ?? []).length >= 8, output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
