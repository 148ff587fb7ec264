// Properties of the domain model on generated configs (fast-check): it never throws, every key
// it reads is a catalog key of the release, every recorded source range lies inside the text
// and covers the value of the key it names, and whenever xl would build a domain the JSON
// printer accepts the result (with and without libxl's defaults).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseConfig } from '../../../server/src/core/syntax/parse';
import { ConfigView } from '../../../server/src/core/model/config-view';
import { buildDomain, toLibxlJson } from '../../../server/src/core/model/domain';
import { KEY_ENTRIES, keyInfo } from '../../../server/src/core/catalog';
import { XEN_VERSIONS } from '../../../server/src/core/xen-version';

const KEYS = KEY_ENTRIES.map((e) => e.name);
const WORDS = ['0', '1', '010', '0x10', '-1', '', 'hvm', 'pv', 'pvh', 'h', 'p', 'generic', 'all', '0-3,^1', 'node:0', 'x',
  'phy:/dev/vg/a,xvda,w', 'bridge=xenbr0,mac=00:16:3e:00:00:01', '01:00.0', 'destroy', 'restart', 'stdvga', 'qemu-xen',
  'type=socket', 'backend=0', 'CARD, short-name=a', 'pnode=0', 'size=128', 'vcpus=0', 'defaults', '!freq', 'lmce', '=', ',', ';'];

const scalar = fc.oneof(
  fc.constantFrom(...WORDS).map((w) => JSON.stringify(w)),
  fc.integer({ min: 0, max: 5000 }).map(String),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s.replace(/[\\\n\r\0]/g, ''))),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }).map((xs) => `[ ${xs.join(', ')} ]`),
  fc.array(fc.array(scalar, { maxLength: 3 }).map((xs) => `[ ${xs.join(', ')} ]`), { maxLength: 2 }).map((xs) => `[ ${xs.join(', ')} ]`),
);
const line = fc.tuple(fc.constantFrom(...KEYS, 'name', 'name', 'kernel', 'type'), fc.constantFrom('=', '=', '+='), value).map(([k, op, v]) => `${k} ${op} ${v}`);
const config = fc.array(line, { minLength: 1, maxLength: 12 }).map((ls) => ls.join('\n') + '\n');

test('the model never throws and keeps its invariants', () => {
  const r = fc.check(
    fc.property(config, fc.constantFrom(...XEN_VERSIONS), (text, release) => {
      try {
        check(text, release);
      } catch (e) {
        // fast-check reports only the input; keep the reason with it.
        throw new Error(`${(e as Error).message} (Xen ${release}, config ${JSON.stringify(text)})`);
      }
    }),
    { numRuns: 400, ...(process.env.XLCFG_SEED ? { seed: Number(process.env.XLCFG_SEED), path: process.env.XLCFG_PATH } : {}) },
  );
  // fast-check keeps the reason in the error's cause, which the test runner does not print.
  if (r.failed) {
    const cause = r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance);
    assert.fail(`seed ${r.seed}, path ${r.counterexamplePath}: ${cause}`);
  }
});

function check(text: string, release: (typeof XEN_VERSIONS)[number]): void {
  {
    {
      const parsed = parseConfig(text);
      const model = buildDomain(new ConfigView(parsed.settings), release, { text: parsed.text });
      for (const k of model.keysRead) assert.ok(keyInfo(k, release), `xl ${release} reads ${k}, which the catalog does not list for it`);
      for (const [p, s] of model.sources) {
        assert.ok(s.start >= 0 && s.end <= text.length && s.start <= s.end, `${p}: range outside the text`);
        const owner = parsed.settings.filter((x) => x.name === s.key);
        assert.ok(owner.some((x) => x.value.start <= s.start && s.end <= x.value.end), `${p}: range not inside a value of ${s.key}`);
      }
      if (!model.exit) {
        toLibxlJson(model, release);
        toLibxlJson(model, release, { defaults: true });
      }
    }
  }
}
