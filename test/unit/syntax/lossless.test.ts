// The tree is lossless: its leaf tokens, read in order, are the whole input, byte for byte,
// with no gap and no overlap — for valid files, broken files and every fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parseConfig } from '../../../server/src/core/syntax/parse';
import type { DocumentNode, Token } from '../../../server/src/core/syntax/tree';

function leaves(tree: DocumentNode): Token[] {
  const out: Token[] = [];
  const visit = (n: any): void => {
    if (n.type === 'token') out.push(n);
    else if (n.type === 'atom') out.push(n.token);
    else if (n.children) for (const c of n.children) visit(c);
  };
  for (const c of tree.children) visit(c);
  return out;
}

function assertLossless(text: string): void {
  const p = parseConfig(text);
  let pos = 0;
  for (const t of leaves(p.tree)) {
    assert.equal(t.start, pos, `gap or overlap at ${pos} in ${JSON.stringify(text)}`);
    assert.ok(t.end > t.start, `empty token at ${pos}`);
    pos = t.end;
  }
  assert.equal(pos, p.text.length, `tree stops at ${pos} of ${p.text.length} in ${JSON.stringify(text)}`);
}

test('every fixture and oracle case is covered by the tree exactly once', () => {
  const dirs = ['syntax', 'conformance', 'oracle-cases'].map((d) => path.resolve(__dirname, '../../../../test/fixtures', d));
  let n = 0;
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.cfg'))) {
      assertLossless(fs.readFileSync(path.join(dir, f), 'latin1'));
      n++;
    }
  }
  assert.ok(n > 20, `only ${n} fixtures found`);
});

test('random token soups are covered by the tree exactly once', () => {
  const piece = fc.constantFrom('key', ' ', '\t', '\n', '=', '+=', '"str"', "'s'", '"open', '12', '0x1f', '[', ']', ',', ';', '# c\n', '#', '-', 'X', '\r', 'é');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (parts) => assertLossless(parts.join(''))),
    { numRuns: 2000, seed: 7 },
  );
});
