// Every real config in ../shared/corpus/real (202 third-party files; never copied into this
// repository) parsed by parseConfig must agree with what Xen's parser said about it
// (../shared/corpus/real-expected/<file>.json, recorded with xlcfg-oracle over Debian's
// libxlutil 4.17): accept or reject, the line of the first error, and every stored setting.
// Skips, saying so, when ../shared/corpus is not beside the repository.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseConfig } from '../../../server/src/core/syntax/parse';
import { ourAnswer, settingsDifference } from '../../fuzz/support/answers';
import { reduceReport, type OracleReport } from '../../fuzz/support/oracle';
import { sharedDir } from '../../fuzz/support/paths';
import { corpusFiles } from '../../support/corpus-files';

const shared = sharedDir();
const corpus = shared ? path.join(shared, 'corpus') : null;
const SKIP = corpus && fs.existsSync(path.join(corpus, 'real')) ? false : 'no ../shared/corpus beside the repository: the real-config corpus check is skipped';

const files = SKIP ? [] : corpusFiles(path.join(corpus!, 'real'));

test('the corpus is there to check', { skip: SKIP }, () => {
  // The corpus README promises 202 configs; fewer means the copy beside us is damaged.
  assert.ok(files.length >= 200, `../shared/corpus/real holds ${files.length} configs`);
});

for (const rel of files) {
  test(`corpus: ${rel}`, { skip: SKIP }, () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(corpus!, 'real', rel)));
    const expectedFile = path.join(corpus!, 'real-expected', `${rel}.json`);
    assert.ok(fs.existsSync(expectedFile), `no recorded report ${expectedFile}`);
    const xen = reduceReport(JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as OracleReport);
    const parsed = parseConfig(bytes);
    const ours = ourAnswer(parsed);
    assert.equal(ours.ok, xen.ok, `${rel}: Xen ${xen.ok ? 'accepts' : 'rejects'} it${xen.errors[0] ? ` (line ${xen.errors[0].line}: ${xen.errors[0].message})` : ''}; ours ok=${ours.ok}${parsed.errors[0] ? ` (line ${parsed.errors[0].xenLine}: ${parsed.errors[0].message})` : ''}`);
    if (xen.errors[0]) {
      assert.ok(parsed.errors[0], `${rel}: Xen reports line ${xen.errors[0].line}; we report no error`);
      assert.equal(parsed.errors[0].xenLine, xen.errors[0].line, `${rel}: line of the first error (Xen: ${xen.errors[0].message}; ours: ${parsed.errors[0].message})`);
    }
    const diff = settingsDifference(ours.settings, xen.settings);
    assert.equal(diff, null, `${rel}: ${diff}`);
  });
}
