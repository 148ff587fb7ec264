// Data-driven protocol test: every `fixtures/<name>.cfg` is opened in the real server over
// stdio, and what the server answers (diagnostics, the quick fixes for each diagnostic with
// the text after applying them, the outline, the folding ranges) must equal
// `fixtures/<name>.expected.json`. Rewrite the expectations with XLCFG_UPDATE=1 and review the diff.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentSymbol, FoldingRange, Range } from 'vscode-languageserver-protocol';
import { FIXTURES, SERVER, TestClient, uriOf } from './lsp-client';

const UPDATE = process.env.XLCFG_UPDATE === '1';
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

let client: TestClient;

before(async () => {
  assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
  client = new TestClient();
  await client.initialize();
});

after(async () => {
  assert.equal(await client.stop(), 0, 'the server exits with 0 after shutdown + exit');
});

const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.cfg')).sort();

for (const name of fixtures) {
  test(`fixture ${name}`, async () => {
    const file = path.join(FIXTURES, name);
    const expectedFile = file.replace(/\.cfg$/, '.expected.json');
    // Decode as the editor would (UTF-8); the server sees exactly this text.
    const text = fs.readFileSync(file, 'utf8');
    const uri = uriOf(file);
    const diagnostics = await client.open(uri, text);
    const doc = TextDocument.create(uri, 'xlcfg', 1, text);

    const actual = {
      diagnostics: diagnostics.map(describeDiagnostic),
      codeActions: [] as unknown[],
      symbols: [] as unknown[],
      folding: [] as unknown[],
    };
    for (const d of diagnostics) {
      const actions = (await client.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d], only: ['quickfix'] },
      })) as CodeAction[];
      for (const a of actions ?? []) {
        // Only the actions for this diagnostic (a range can hold several).
        if (!a.diagnostics?.some((x) => x.code === d.code && sameRange(x.range, d.range))) continue;
        const edits = a.edit?.changes?.[uri] ?? [];
        actual.codeActions.push({
          for: `${d.code} ${rangeText(d.range)}`,
          title: a.title,
          kind: a.kind,
          isPreferred: a.isPreferred ?? false,
          result: TextDocument.applyEdits(doc, edits),
        });
      }
    }
    const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    actual.symbols = (symbols ?? []).map(describeSymbol);
    const folding = (await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
    actual.folding = (folding ?? []).map((f) => `${f.startLine}-${f.endLine}${f.kind ? ` ${f.kind}` : ''}`);

    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });

    if (UPDATE) {
      fs.writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
      return;
    }
    assert.ok(fs.existsSync(expectedFile), `${path.basename(expectedFile)} is missing: run with XLCFG_UPDATE=1 and review it`);
    const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
    assert.deepEqual(actual, expected);
  });
}

function describeDiagnostic(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = {
    range: rangeText(d.range),
    severity: SEVERITY[d.severity ?? 0],
    code: d.code,
    source: d.source,
    message: d.message,
  };
  if (d.tags?.length) out.tags = d.tags;
  if (d.relatedInformation?.length) out.related = d.relatedInformation.map((r) => `${rangeText(r.location.range)} ${r.message}`);
  return out;
}

function describeSymbol(s: DocumentSymbol): Record<string, unknown> {
  const out: Record<string, unknown> = { name: s.name, detail: s.detail, kind: s.kind, range: rangeText(s.range), selection: rangeText(s.selectionRange) };
  if (s.children?.length) out.children = s.children.map(describeSymbol);
  return out;
}

/** `line:character-line:character`, 0-based as in LSP, characters in UTF-16 code units. */
function rangeText(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

function sameRange(a: Range, b: Range): boolean {
  return rangeText(a) === rangeText(b);
}
