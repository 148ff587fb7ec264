// Runs inside the editor's extension host with the real `vscode` API, against the extension
// under development (the repository's package.json and dist/). Expects the workspace made
// from test/e2e/workspace/. Every wait is on an editor event, bounded by mocha's timeout.
'use strict';
const assert = require('assert');
const vscode = require('vscode');

function workspaceFile(name) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'the tests need the workspace made from test/e2e/workspace/ to be open');
  return vscode.Uri.joinPath(folder.uri, name);
}

function codeOf(d) {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

/** Resolves with the document's diagnostics once `accept` takes them (now or after a change event). */
function diagnosticsWhen(uri, accept) {
  return new Promise((resolve) => {
    const check = () => {
      const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'xlcfg');
      if (!accept(diags)) return false;
      sub.dispose();
      resolve(diags);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

const hasCode = (code) => (diags) => diags.some((d) => codeOf(d) === code);
const lacksCode = (code) => (diags) => !diags.some((d) => codeOf(d) === code);

suite('xlcfg in the editor', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a config named *.xl.cfg gets the xlcfg language and a diagnostic for its unterminated string', async () => {
    const uri = workspaceFile('broken.xl.cfg');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'xlcfg');
    const diags = await diagnosticsWhen(uri, hasCode('unterminated-string'));
    const d = diags.find((x) => codeOf(x) === 'unterminated-string');
    const line = doc.lineAt(5).text;
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(d.range.start.line, 5);
    assert.strictEqual(d.range.start.character, line.indexOf('"'));
    assert.strictEqual(d.range.end.character, line.length);
    assert.match(d.message, /xl rejects the whole file/);
  });

  test('the preferred quick fix closes the string and the diagnostic goes away', async () => {
    const uri = workspaceFile('broken.xl.cfg');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await diagnosticsWhen(uri, hasCode('unterminated-string'));
    const d = diags.find((x) => codeOf(x) === 'unterminated-string');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    // (The API command does not hand back the diagnostics attached to an action; the
    // protocol test checks those.)
    const fix = actions.find((a) => a.isPreferred && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
    assert.ok(fix, `no preferred quick fix among: ${JSON.stringify(actions.map((a) => ({ title: a.title, isPreferred: a.isPreferred, diagnostics: (a.diagnostics || []).map(codeOf) })))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(doc.lineAt(5).text, 'extra = "console=hvc0"');
    await diagnosticsWhen(uri, lacksCode('unterminated-string'));
  });

  test('hovering a key shows text from the language server', async () => {
    const uri = workspaceFile('broken.xl.cfg');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await diagnosticsWhen(uri, hasCode('unterminated-string'));
    const position = new vscode.Position(3, 2); // inside `memory`
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position);
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /memory/i, `hover text was: ${JSON.stringify(text)}`);
  });

  test('completion offers keys, and accepting one inserts its snippet', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'xlcfg', content: 'name = "x"\nvcp' });
    const editor = await vscode.window.showTextDocument(doc);
    const position = new vscode.Position(1, 3);
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, position);
    const vcpus = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'vcpus');
    assert.ok(vcpus, `no vcpus among ${list.items.length} items`);
    assert.strictEqual(vcpus.kind, vscode.CompletionItemKind.Property);
    editor.selection = new vscode.Selection(position, position);
    const insert = vcpus.insertText instanceof vscode.SnippetString ? vcpus.insertText : new vscode.SnippetString(String(vcpus.insertText ?? vcpus.label));
    const range = vcpus.range && ('inserting' in vcpus.range ? vcpus.range.replacing : vcpus.range);
    assert.ok(await editor.insertSnippet(insert, range));
    assert.match(doc.lineAt(1).text, /^vcpus = /);
  });

  test('the outline lists every assignment', async () => {
    const uri = workspaceFile('broken.xl.cfg');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await diagnosticsWhen(uri, hasCode('unterminated-string'));
    const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
    assert.deepStrictEqual(
      symbols.map((s) => s.name),
      ['name', 'type', 'memory', 'vcpus'],
      'the unterminated last line is no assignment',
    );
    assert.strictEqual(symbols[2].selectionRange.start.line, 3);
  });

  test('code lenses from the server reach the editor', async () => {
    const uri = workspaceFile('broken.xl.cfg');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await diagnosticsWhen(uri, hasCode('unterminated-string'));
    const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri);
    assert.ok(lenses.length > 0, 'at least one lens (the guest memory layout)');
    for (const l of lenses) assert.ok(l.command && l.command.title.trim() !== '', 'every lens has text');
  });

  test('"Treat This File as a Xen xl.cfg Config" switches the language and the file gets checked', async () => {
    const uri = workspaceFile('plain-notes.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.notStrictEqual(doc.languageId, 'xlcfg');
    await vscode.commands.executeCommand('xlcfg.treatAsXlConfig');
    const switched = vscode.window.activeTextEditor.document;
    assert.strictEqual(switched.languageId, 'xlcfg');
    await diagnosticsWhen(uri, hasCode('unterminated-string'));
  });

  test('the language configuration: # toggles line comments, quotes and brackets close themselves', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'xlcfg', content: 'memory = 1024\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('editor.action.commentLine');
    assert.strictEqual(doc.lineAt(0).text, '# memory = 1024');
    await vscode.commands.executeCommand('editor.action.commentLine');
    assert.strictEqual(doc.lineAt(0).text, 'memory = 1024');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    // One character per `type`, as keystrokes arrive (auto-closing looks at the typed character).
    const type = async (text) => {
      for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
    };
    await type('name = "');
    assert.strictEqual(doc.lineAt(1).text, 'name = ""');
    await type('x"\nvif = [');
    assert.strictEqual(doc.lineAt(1).text, 'name = "x"', 'typing the closing quote steps over the auto-closed one');
    assert.strictEqual(doc.lineAt(2).text, 'vif = []');
  });

  test('xlcfg.rules turns a check off and back on', async () => {
    const uri = workspaceFile('broken.xl.cfg');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await diagnosticsWhen(uri, hasCode('unterminated-string'));
    const config = vscode.workspace.getConfiguration('xlcfg', uri);
    try {
      await config.update('rules', { 'unterminated-string': 'off' }, vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhen(uri, lacksCode('unterminated-string'));
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhen(uri, hasCode('unterminated-string'));
  });

  test('device model: hdtype="ahci" on Xen 4.19 warns that the disk stays visible twice, offers hdtype="ide", and 4.20 does not warn', async () => {
    const uri = workspaceFile('ahci.xl.cfg');
    const config = vscode.workspace.getConfiguration('xlcfg', uri);
    try {
      await config.update('xenVersion', '4.19', vscode.ConfigurationTarget.Workspace);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const diags = await diagnosticsWhen(uri, hasCode('ahci-disk-not-unplugged'));
      const d = diags.find((x) => codeOf(x) === 'ahci-disk-not-unplugged');
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.strictEqual(d.range.start.line, 5);
      assert.match(d.message, /corruption/i);
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
      assert.ok(actions.some((a) => a.title === 'Use hdtype = "ide"'), `quick fixes: ${actions.map((a) => a.title).join(' | ')}`);
      await config.update('xenVersion', '4.20', vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhen(uri, lacksCode('ahci-disk-not-unplugged'));
    } finally {
      await config.update('xenVersion', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('memory layout: hovering `memory` shows the e820 map, and the mmio_hole quick fix removes the "no space" error', async () => {
    const uri = workspaceFile('examples/gpu-passthrough.xl.cfg');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await diagnosticsWhen(uri, hasCode('mmio-hole-too-small'));
    const memoryLine = [...Array(doc.lineCount).keys()].find((i) => doc.lineAt(i).text.startsWith('memory'));
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(memoryLine, 2));
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /e820/i, `hover text was: ${JSON.stringify(text.slice(0, 400))}`);
    assert.match(text, /usable/, 'the map lists usable RAM');
    const d = diags.find((x) => codeOf(x) === 'mmio-hole-too-small');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /mmio_hole/.test(a.title));
    assert.ok(fix, `quick fixes: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(/^mmio_hole = \d+/m.test(doc.getText()), 'the fix wrote a real mmio_hole key');
    await diagnosticsWhen(uri, lacksCode('mmio-hole-too-small'));
  });
});
