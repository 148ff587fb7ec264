// Data-driven hover and completion through the real server: each `cursor/<name>.cfg` holds a
// `$0` marker (removed before the file is opened); the hover and the completion items the
// server answers at that position must equal `cursor/<name>.expected.json`. The content comes
// from the providers registered in core/features/{hover,completion}; this test pins how it
// reaches an editor (ranges in UTF-16, markdown, snippets, sort order).
// Rewrite the expectations with XLCFG_UPDATE=1 and review the diff.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, Hover, MarkupContent, Range, TextEdit } from 'vscode-languageserver-protocol';
import { ROOT, SERVER, TestClient } from './lsp-client';

const DIR = path.join(ROOT, 'test', 'lsp', 'cursor');
const UPDATE = process.env.XLCFG_UPDATE === '1';
/** Enough items to pin the order and the shape without copying the whole key catalog. */
const MAX_ITEMS = 8;

let client: TestClient;

before(async () => {
  assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
  client = new TestClient({ settings: {} });
  await client.initialize();
});

after(async () => {
  assert.equal(await client.stop(), 0);
});

for (const name of fs.readdirSync(DIR).filter((f) => f.endsWith('.cfg')).sort()) {
  test(`cursor ${name}`, async () => {
    const source = fs.readFileSync(path.join(DIR, name), 'utf8');
    const offset = source.indexOf('$0');
    assert.ok(offset >= 0, `${name} has no $0 marker`);
    const text = source.slice(0, offset) + source.slice(offset + 2);
    const uri = `file:///cursor/${name}`;
    await client.open(uri, text);
    const position = TextDocument.create(uri, 'xlcfg', 1, text).positionAt(offset);

    const hover = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as Hover | null;
    const completion = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as
      | CompletionItem[]
      | CompletionList
      | null;
    const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
    const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    const actual = {
      position: `${position.line}:${position.character}`,
      hover: hover
        ? { range: hover.range ? rangeText(hover.range) : null, kind: (hover.contents as MarkupContent).kind, markdown: (hover.contents as MarkupContent).value }
        : null,
      completion: {
        count: items.length,
        first: sorted.slice(0, MAX_ITEMS).map((i) => ({
          label: i.label,
          kind: i.kind,
          detail: i.detail,
          edit: i.textEdit ? `${rangeText((i.textEdit as TextEdit).range)} ${JSON.stringify((i.textEdit as TextEdit).newText)}` : undefined,
          snippet: i.insertTextFormat === 2 || undefined,
        })),
      },
    };
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const expectedFile = path.join(DIR, name.replace(/\.cfg$/, '.expected.json'));
    if (UPDATE) {
      fs.writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
      return;
    }
    assert.ok(fs.existsSync(expectedFile), `${path.basename(expectedFile)} is missing: run with XLCFG_UPDATE=1 and review it`);
    assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(fs.readFileSync(expectedFile, 'utf8')));
  });
}

function rangeText(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
