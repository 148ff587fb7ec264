// The layout through the real language server (dist/server.js over stdio), on the GPU
// passthrough example with its xen-host.json beside it: hovering `memory` shows the e820 map,
// the BAR that gets no space is reported, and the `mmio_hole` quick fix removes that diagnostic.
// (The same in a real VS Code is the e2e suite's job.)

import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { SERVER, TestClient, uriOf } from '../../lsp/lsp-client';
import { REPO_ROOT } from './support';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'gpu-passthrough.xl.cfg');
const TIMEOUT = { timeout: 20000 };
const built = fs.existsSync(SERVER);
let client: TestClient | undefined;

before(async () => {
  if (!built) return;
  client = new TestClient({ settings: {} });
  await client.initialize();
});
after(async () => {
  if (client) assert.equal(await client.stop(), 0);
});

test('GPU example: hover shows the e820, and the mmio_hole fix removes "no space"', { ...TIMEOUT, skip: built ? false : `${SERVER} is missing: run \`npm run build\` first` }, async () => {
  const c = client!;
  const text = fs.readFileSync(EXAMPLE, 'utf8');
  const uri = uriOf(EXAMPLE);
  const diags = await c.open(uri, text);
  const noSpace = diags.filter((d: Diagnostic) => d.code === 'mmio-hole-too-small');
  assert.equal(noSpace.length, 1, `expected one mmio-hole-too-small diagnostic, got ${JSON.stringify(diags.map((d) => d.code))}`);

  const line = text.split('\n').findIndex((l) => l.startsWith('memory'));
  const hover = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } })) as { contents: { value: string } } | null;
  assert.ok(hover, 'a hover on memory');
  assert.match(hover.contents.value, /e820/);
  assert.match(hover.contents.value, /`0x0000000000100000` \| `0x00000000efffffff` \| usable/);

  const actions = (await c.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: noSpace[0].range,
    context: { diagnostics: noSpace },
  })) as CodeAction[];
  const fix = actions.find((a) => a.kind === 'quickfix' && /mmio_hole = \d+/.test(a.title));
  assert.ok(fix, `expected the mmio_hole fix, got ${JSON.stringify(actions.map((a) => a.title))}`);
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'xlcfg', 1, text), fix.edit!.changes![uri]);
  assert.match(fixed, /^mmio_hole = 512$/m);
  const after = await c.change(uri, 2, fixed);
  assert.deepEqual(after.filter((d) => d.code === 'mmio-hole-too-small'), []);
});
