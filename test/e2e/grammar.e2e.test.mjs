// The TextMate grammar, tokenized by the same vscode-textmate + oniguruma that VS Code 1.100
// uses (taken from the code-server install): every `grammar/<name>.cfg` must give the scopes in
// `grammar/<name>.tokens.json`. Rewrite the expectations with XLCFG_UPDATE=1 and review the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VSCODE_MODULES = path.join(ROOT, '.e2e', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
const DIR = path.join(ROOT, 'test', 'e2e', 'grammar');
const UPDATE = process.env.XLCFG_UPDATE === '1';
const available = fs.existsSync(path.join(VSCODE_MODULES, 'vscode-textmate'));

async function loadGrammar() {
  const require = createRequire(path.join(VSCODE_MODULES, 'x.js'));
  const tm = require('vscode-textmate');
  const onig = require('vscode-oniguruma');
  await onig.loadWASM(fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new onig.OnigScanner(p), createOnigString: (s) => new onig.OnigString(s) }),
    loadGrammar: async () => tm.parseRawGrammar(fs.readFileSync(path.join(ROOT, 'syntaxes', 'xlcfg.tmLanguage.json'), 'utf8'), 'xlcfg.tmLanguage.json'),
  });
  return { tm, grammar: await registry.loadGrammar('source.xlcfg') };
}

test('the TextMate grammar scopes each sample as expected', { skip: available ? false : 'code-server is not installed (bash test/e2e/install-code-server.sh): it provides vscode-textmate' }, async () => {
  const { tm, grammar } = await loadGrammar();
  for (const name of fs.readdirSync(DIR).filter((f) => f.endsWith('.cfg')).sort()) {
    const lines = fs.readFileSync(path.join(DIR, name), 'utf8').split('\n');
    let state = tm.INITIAL;
    const actual = lines.map((line) => {
      const r = grammar.tokenizeLine(line, state);
      state = r.ruleStack;
      return r.tokens
        .filter((t) => line.slice(t.startIndex, t.endIndex).trim() !== '' || t.scopes.length > 1)
        .map((t) => `${line.slice(t.startIndex, t.endIndex)} => ${t.scopes.slice(1).join(' ')}`);
    });
    const expectedFile = path.join(DIR, name.replace(/\.cfg$/, '.tokens.json'));
    if (UPDATE) {
      fs.writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
      continue;
    }
    assert.ok(fs.existsSync(expectedFile), `${path.basename(expectedFile)} is missing: run with XLCFG_UPDATE=1 and review it`);
    assert.deepEqual(actual, JSON.parse(fs.readFileSync(expectedFile, 'utf8')), name);
  }
});
