// Protocol test: the real server over stdio, checked on the behaviours an editor relies on
// (positions in UTF-16, incremental edits, quick fixes that really fix, settings, host
// profiles, surviving any input, a clean exit). Every wait is on a server event.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { FIXTURES, ROOT, SERVER, TestClient, uriOf } from './lsp-client';

const BROKEN = fs.readFileSync(path.join(FIXTURES, 'unterminated-after-emoji.cfg'), 'utf8');
const VALID = fs.readFileSync(path.join(FIXTURES, 'valid.cfg'), 'utf8');
const TIMEOUT = { timeout: 15000 };

function byCode(diags: Diagnostic[], code: string): Diagnostic[] {
  return diags.filter((d) => d.code === code);
}

before(() => assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`));

describe('with a client that answers workspace/configuration', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient({ settings: {} });
    await client.initialize();
  });
  after(async () => {
    assert.equal(await client.stop(), 0, 'shutdown + exit ends the server with status 0');
  });

  test('an unterminated string after non-ASCII text is reported at its UTF-16 columns', TIMEOUT, async () => {
    const uri = 'file:///virtual/emoji/xl.cfg';
    const diags = await client.open(uri, BROKEN);
    const [d] = byCode(diags, 'unterminated-string');
    assert.ok(d, `expected an unterminated-string diagnostic, got ${JSON.stringify(diags)}`);
    // Computed independently: JavaScript string indices are UTF-16 code units, as LSP's default.
    const line = BROKEN.split('\n')[0];
    assert.deepEqual(d.range, {
      start: { line: 0, character: line.indexOf('"console') },
      end: { line: 0, character: line.length },
    });
    assert.equal(line.indexOf('"console'), 26, 'the emoji counts as two UTF-16 units, ä as one');
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'xlcfg');
    assert.match(String(d.message), /xl rejects the whole file/);
  });

  test('edits are re-analysed: full and incremental changes publish for the new version', TIMEOUT, async () => {
    const uri = 'file:///virtual/edits/xl.cfg';
    assert.deepEqual(byCode(await client.open(uri, VALID), 'unterminated-string'), []);
    const v2 = await client.change(uri, 2, BROKEN);
    assert.equal(byCode(v2, 'unterminated-string').length, 1);
    // Incremental: close the string by inserting a quote at the end of line 0.
    const line = BROKEN.split('\n')[0];
    const published = client.diagnostics(uri, (p) => p.version === 3);
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: line.length }, end: { line: 0, character: line.length } }, text: '"' }],
    });
    assert.deepEqual(byCode((await published).diagnostics, 'unterminated-string'), []);
  });

  test('a quick fix carries its diagnostic and really removes it when applied', TIMEOUT, async () => {
    const uri = 'file:///virtual/fix/xl.cfg';
    const [d] = byCode(await client.open(uri, BROKEN), 'unterminated-string');
    assert.ok(d);
    const actions = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((x) => x.code === 'unterminated-string'));
    assert.ok(fix, `expected a quick fix, got ${JSON.stringify(actions)}`);
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics![0].range, d.range);
    const edits = fix.edit!.changes![uri];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'xlcfg', 1, BROKEN), edits);
    assert.notEqual(fixed, BROKEN);
    assert.deepEqual(byCode(await client.change(uri, 2, fixed), 'unterminated-string'), []);
  });

  test('xlcfg.rules changes severities and silences rules, re-publishing on settings changes', TIMEOUT, async () => {
    const uri = 'file:///virtual/settings/xl.cfg';
    assert.equal(byCode(await client.open(uri, BROKEN), 'unterminated-string')[0]?.severity, 1);
    client.settings = { rules: { 'unterminated-string': 'hint' } };
    let next = client.diagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal(byCode((await next).diagnostics, 'unterminated-string')[0]?.severity, 4);
    client.settings = { rules: { 'unterminated-string': 'off' } };
    next = client.diagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(byCode((await next).diagnostics, 'unterminated-string'), []);
    client.settings = {};
    next = client.diagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal(byCode((await next).diagnostics, 'unterminated-string').length, 1);
  });

  test('xlcfg.xenVersion reaches the analysis (the layout hover names the release it models)', TIMEOUT, async () => {
    const uri = 'file:///virtual/version/xl.cfg';
    const text = 'name = "v"\ntype = "hvm"\nmemory = 1024\n';
    const hoverText = async () => {
      const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } })) as {
        contents: { value: string };
      } | null;
      return h?.contents.value ?? '';
    };
    client.settings = { xenVersion: '4.17' };
    try {
      await client.open(uri, text);
      assert.match(await hoverText(), /Xen 4\.17/);
      client.settings = { xenVersion: '4.22' };
      const republished = client.diagnostics(uri);
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await republished;
      assert.match(await hoverText(), /Xen 4\.22/);
    } finally {
      client.settings = {};
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    }
  });

  test('a broken xen-host.json beside the config is reported on the profile, and fixing it clears that', TIMEOUT, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlcfg-lsp-'));
    try {
      const profile = path.join(dir, 'xen-host.json');
      fs.writeFileSync(profile, '{ "pci": [ }\n');
      const profileUri = uriOf(profile);
      const bad = client.diagnostics(profileUri);
      await client.open(uriOf(path.join(dir, 'guest.xl.cfg')), VALID);
      const [d] = (await bad).diagnostics;
      assert.equal(d?.code, 'host-profile-invalid');
      assert.equal(d.range.start.line, 0);
      assert.match(String(d.message), /^Invalid JSON: .*ignores it/);
      assert.deepEqual(d.range, { start: { line: 0, character: 11 }, end: { line: 0, character: 12 } });
      // The server watches the folder: rewriting the file on disk is enough.
      const cleared = client.diagnostics(profileUri, (p) => p.diagnostics.length === 0);
      fs.writeFileSync(profile, '{ "pciDevices": [] }\n');
      await cleared;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the host profile reaches the checks: created beside the config later, or named by xlcfg.hostProfile', TIMEOUT, async () => {
    // host-facts-unknown (a layout check) reports a passed-through device the profile does not describe.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlcfg-lsp-'));
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'xlcfg-lsp-profiles-'));
    const example = fs.readFileSync(path.join(ROOT, 'examples', 'xen-host.json'), 'utf8');
    try {
      const uri = uriOf(path.join(dir, 'gpu.xl.cfg'));
      const config = 'name = "gpu"\ntype = "hvm"\nmemory = 2048\npci = [ "0000:01:00.0" ]\n';
      const before = await client.open(uri, config);
      assert.match(String(byCode(before, 'host-facts-unknown')[0]?.message), /there is no host profile/);
      const known = client.diagnostics(uri, (p) => byCode(p.diagnostics, 'host-facts-unknown').length === 0);
      fs.writeFileSync(path.join(dir, 'xen-host.json'), example);
      await known;

      // An explicit setting wins over the file beside the config.
      fs.writeFileSync(path.join(elsewhere, 'other-host.json'), '{ "pciDevices": [] }\n');
      client.settings = { hostProfile: path.join(elsewhere, 'other-host.json') };
      const viaSetting = client.diagnostics(uri, (p) => byCode(p.diagnostics, 'host-facts-unknown').length === 1);
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.match(String(byCode((await viaSetting).diagnostics, 'host-facts-unknown')[0].message), /other-host\.json\) has no entry for 0000:01:00\.0/);

      // A setting that names a missing file is reported on the config, not silently ignored.
      client.settings = { hostProfile: path.join(elsewhere, 'missing.json') };
      const missing = client.diagnostics(uri, (p) => byCode(p.diagnostics, 'host-profile-missing').length === 1);
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.match(String(byCode((await missing).diagnostics, 'host-profile-missing')[0].message), /missing\.json\) does not exist/);
    } finally {
      client.settings = {};
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  test('hover, completion, symbols, folding and code lenses answer on any document without failing', TIMEOUT, async () => {
    const uri = 'file:///virtual/features/xl.cfg';
    await client.open(uri, BROKEN);
    const position = { line: 1, character: 2 };
    const hover = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as { contents: { kind: string } } | null;
    if (hover) assert.equal(hover.contents.kind, 'markdown');
    assert.ok(Array.isArray(await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position })));
    const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Array<{ name: string }>;
    assert.ok(symbols.some((s) => s.name === 'memory'), 'memory on the line after the broken string is still in the outline');
    assert.ok(Array.isArray(await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } })));
    assert.ok(Array.isArray(await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })));
    // A document the server never saw: empty answers, not errors.
    const unknown = { textDocument: { uri: 'file:///virtual/never-opened.cfg' }, position };
    assert.equal(await client.conn.sendRequest('textDocument/hover', unknown), null);
  });

  test('hostile input does not take the server down', TIMEOUT, async () => {
    const inputs = [
      '\u0000\u0001\uFFFE\uD800 = [[[ "\\',
      '['.repeat(20000),
      'x = ' + '['.repeat(3000) + ']'.repeat(3000) + '\n',
      'a = "' + 'é'.repeat(100000) + '\n',
      '\r\n\r\n=\r\n+=\r\n;;;;,,,,]]]]',
    ];
    let version = 0;
    for (const [i, text] of inputs.entries()) {
      const uri = `file:///virtual/hostile/${i}.cfg`;
      const diags = await client.open(uri, text, ++version);
      assert.ok(Array.isArray(diags));
      for (const d of diags) assert.ok(d.range.start.line >= 0 && d.range.end.character >= 0);
      await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
    }
    // Malformed requests get an empty answer, not a dead server.
    assert.equal(await client.conn.sendRequest('textDocument/hover', {}), null);
    assert.deepEqual(await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///virtual/hostile/0.cfg' } }), []);
    assert.deepEqual(await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: null }), []);
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///virtual/never-opened.cfg', version: 2 }, contentChanges: [] });
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'not a uri', type: 2 }] });
    const stillAlive = await client.open('file:///virtual/hostile/after.cfg', BROKEN);
    assert.equal(byCode(stillAlive, 'unterminated-string').length, 1);
    assert.equal(client.proc.exitCode, null, 'the server is still running');
  });
});

describe('with a client that cannot answer workspace/configuration (e.g. a minimal editor)', () => {
  test('settings come from initializationOptions and didChangeConfiguration pushes', TIMEOUT, async () => {
    const client = new TestClient({ initializationOptions: { xlcfg: { rules: { 'unterminated-string': 'off' } } } });
    try {
      await client.initialize();
      const uri = 'file:///virtual/push/xl.cfg';
      assert.deepEqual(byCode(await client.open(uri, BROKEN), 'unterminated-string'), []);
      const next = client.diagnostics(uri);
      await client.conn.sendNotification('workspace/didChangeConfiguration', {
        settings: { xlcfg: { rules: { 'unterminated-string': 'warning' } } },
      });
      assert.equal(byCode((await next).diagnostics, 'unterminated-string')[0]?.severity, 2);
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
    }
  });
});

describe('with a workspace folder', () => {
  test('xen-host.json at the workspace root applies to configs in sub-folders', TIMEOUT, async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'xlcfg-lsp-ws-'));
    const client = new TestClient({ settings: {}, workspaceFolder: root });
    try {
      await client.initialize();
      fs.mkdirSync(path.join(root, 'guests'));
      fs.copyFileSync(path.join(ROOT, 'examples', 'xen-host.json'), path.join(root, 'xen-host.json'));
      const config = 'name = "gpu"\ntype = "hvm"\nmemory = 2048\npci = [ "0000:01:00.0", "0000:09:00.0" ]\n';
      const diags = await client.open(uriOf(path.join(root, 'guests', 'gpu.xl.cfg')), config);
      // The device in the example profile is known; the other one is reported against that profile.
      const unknown = byCode(diags, 'host-facts-unknown');
      assert.equal(unknown.length, 1, JSON.stringify(diags));
      assert.match(String(unknown[0].message), /xen-host\.json\) has no entry for 0000:09:00\.0/);
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
