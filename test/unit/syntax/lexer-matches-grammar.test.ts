// The fast scanner (lexer.ts) must split every input exactly as the lexical rules of
// grammar/xlcfg.peggy (start rule `Tokens`) do: the grammar is the specification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse as pegParse } from '../../../server/src/generated/xlcfg';
import { scan, KIND_OF_SYMBOL } from '../../../server/src/core/syntax/lexer';

interface LexTok {
  kind: string;
  start: number;
  end: number;
}

function viaGrammar(bytes: string): LexTok[] {
  return (pegParse(bytes, { startRule: "Tokens" }) as unknown as LexTok[]).map((t) => ({ kind: t.kind, start: t.start, end: t.end }));
}

function viaScanner(bytes: string): LexTok[] {
  const t = scan(bytes);
  const out: LexTok[] = [];
  for (let i = 0; i < t.count; i++) out.push({ kind: KIND_OF_SYMBOL[t.symbols[i]], start: t.starts[i], end: t.ends[i] });
  return out;
}

// Bytes that matter to the lexer, weighted towards the interesting ones.
const interesting = fc.constantFrom(
  'a', 'z', 'k', '_', '.', '0', '9', 'x', 'f', 'g', 'A', 'X', ' ', '\t', '\n', '\r', '#', '"', "'", '\\',
  '=', '+', '-', ',', '[', ']', ';', '(', ')', ':', '@', '\0', '\u00e9', '\u00ff', '\x7f',
);

test('the scanner and the grammar lexical rules agree on random byte strings', () => {
  fc.assert(
    fc.property(fc.array(interesting, { maxLength: 60 }), (chars) => {
      const bytes = chars.join('');
      assert.deepEqual(viaScanner(bytes), viaGrammar(bytes));
    }),
    { numRuns: 3000, seed: 20261122 },
  );
});

test('the scanner and the grammar agree on realistic lines', () => {
  const lines = [
    'name = "guest" # comment\n',
    "disk = [ 'phy:/dev/vg/x,xvda,w', ]\n",
    'memory = 0x100; vcpus=010\n',
    'x = "a\\"b" y\n',
    'Memory = -1.5\r\n',
    'k += ["a",\n  ["b"]]',
    'tail = "x"#',
    '# only a comment',
  ];
  for (const l of lines) assert.deepEqual(viaScanner(l), viaGrammar(l), JSON.stringify(l));
});
