// Hover and completion for keys, enum values and spec-string fields: each fixture under
// test/fixtures/keys/{hover,completion} marks the cursor with `$0` (and may select a release
// with a first line `# xen: 4.15`); the expected JSON beside it holds what the keys provider
// returns there. XLCFG_UPDATE=1 rewrites the expectations.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../../server/src/core/analyze';
import { keysHover } from '../../../server/src/core/features/hover/keys';
import { keysCompletion } from '../../../server/src/core/features/completion/keys';
import { hoverAt } from '../../../server/src/core/features/hover';
import { completionsAt } from '../../../server/src/core/features/completion';
import { allKeys, KEY_ENTRIES } from '../../../server/src/core/catalog';
import { XEN_VERSIONS } from '../../../server/src/core/xen-version';
import { cfgFiles, expectJson, keysFixture, rangeOf, releaseOf, withCursor } from './support';

for (const file of cfgFiles(keysFixture('hover'))) {
  const name = path.basename(file);
  test(`key hover ${name}`, () => {
    const { text, offset } = withCursor(fs.readFileSync(file, 'utf8'));
    const release = releaseOf(text);
    const analysis = analyze(text, { xenVersion: release });
    const h = keysHover(analysis, offset);
    if (/-none\.cfg$/.test(name)) assert.ok(!h, `${name}: expected no key hover`);
    else assert.ok(h && h.start <= offset && offset <= Math.max(h.end, h.start + 1), `${name}: no hover at the cursor`);
    expectJson(file, h ? { range: rangeOf(text, h.start, h.end), markdown: h.markdown.split('\n') } : null);
  });
}

for (const file of cfgFiles(keysFixture('completion'))) {
  const name = path.basename(file);
  test(`key completion ${name}`, () => {
    const { text, offset } = withCursor(fs.readFileSync(file, 'utf8'));
    const release = releaseOf(text);
    const items = [...(keysCompletion(analyze(text, { xenVersion: release }), offset) ?? [])];
    assert.ok(items.length > 0, `${name}: no completion at the cursor`);
    for (const it of items) if (it.edit) assert.ok(it.edit.start <= offset && offset <= it.edit.end, `${it.label}: the edit does not cover the cursor`);
    const sorted = items.sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    expectJson(file, {
      count: items.length,
      first: sorted.slice(0, 8).map((it) => ({
        label: it.label,
        kind: it.kind,
        detail: it.detail,
        ...(it.edit ? { range: rangeOf(text, it.edit.start, it.edit.end), newText: it.edit.newText } : {}),
        ...(it.snippet ? { snippet: true } : {}),
        ...(it.deprecated ? { deprecated: true } : {}),
      })),
    });
  });
}

test('every catalog key has a hover and is offered by completion on the releases that read it', () => {
  for (const release of XEN_VERSIONS) {
    const analysis = analyze('name = "g"\n\n', { xenVersion: release });
    const labels = new Set((keysCompletion(analysis, 11) ?? []).map((i) => i.label));
    for (const e of allKeys(release)) assert.ok(labels.has(e.name), `Xen ${release}: completion misses ${e.name}`);
    assert.equal(labels.size, allKeys(release).length, `Xen ${release}: completion offers keys xl does not read`);
  }
  for (const e of KEY_ENTRIES) {
    const text = `${e.name} = 1\n`;
    const h = keysHover(analyze(text), 1);
    assert.ok(h && h.markdown.includes(`\`${e.name}\``) && h.markdown.includes(e.description), `no hover for ${e.name}`);
  }
});

test('the keys providers are registered with the aggregators', () => {
  const analysis = analyze('name = "g"\nmemory = 512\n');
  assert.ok(hoverAt(analysis, 12)?.markdown.includes('**`memory`**'));
  assert.ok(completionsAt(analysis, 11).some((i) => i.label === 'memory' && i.kind === 'key'));
});
