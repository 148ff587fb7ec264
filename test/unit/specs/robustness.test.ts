// Every spec parser, on every modelled release, takes any string without throwing and keeps
// every problem (and every fix) inside the string. Random strings are built from the
// characters the spec languages give meaning to, plus a few others (fixed seed).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SPEC_LANGUAGES } from '../../../server/src/core/specs';
import { XEN_VERSIONS } from '../../../server/src/core/xen-version';
import { seededRandom } from '../../support/seeded-random';

const ALPHABET = [...',,,==:;.@*^- \t0123456789abcdefx', 'host', 'type', 'backend', 'name', 'path', 'rate', 'mac', 'bdf', 'vdev', 'target', 'connection', 'CARD', 'PCM', 'STREAM', 'é', '\u{1F600}', '\n'];

test('spec parsers never throw and keep their ranges inside the string', () => {
  const r = seededRandom(2026);
  let checked = 0;
  for (let n = 0; n < 300; n++) {
    const len = Math.floor(r() * 12);
    let s = '';
    for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
    for (const lang of SPEC_LANGUAGES.values()) {
      for (const xenVersion of XEN_VERSIONS) {
        for (const scalar of [true, false]) {
          const res = lang.parse(s, { xenVersion, scalar });
          for (const p of res.problems) {
            assert.ok(p.start >= 0 && p.start <= p.end && p.end <= s.length, `${lang.key} ${xenVersion} ${JSON.stringify(s)}: ${p.code} at ${p.start}-${p.end}`);
            assert.ok(p.message.length > 0);
            if (p.replacement) assert.ok(p.replacement.start >= 0 && p.replacement.start <= p.replacement.end && p.replacement.end <= s.length, `${lang.key}: ${p.code} fix range`);
          }
          checked++;
        }
      }
    }
  }
  assert.ok(checked > 10000);
});
