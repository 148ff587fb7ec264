// Table-driven tests of the quick-fix edit helpers: minimal edits that keep comments, quote
// style, line endings and layout.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseConfig } from '../../../server/src/core/syntax/parse';
import { ConfigView } from '../../../server/src/core/model/config-view';
import { insertSetting, removeSettingEdits, replaceSettingEdits, replaceString } from '../../../server/src/core/device-model/edits';
import { FIXTURE_DIR, applyEdits, readJson } from './fixture-support';

interface Tables {
  insertSetting: Array<{ text: string; name: string; value: string; after: string }>;
  removeSetting: Array<{ text: string; name: string; after: string }>;
  replaceSetting: Array<{ text: string; name: string; line: string; after: string }>;
  replaceString: Array<{ text: string; name: string; value: string; after: string }>;
}

const t = readJson<Tables>(path.join(FIXTURE_DIR, 'edits.json'))!;
const viewOf = (text: string) => new ConfigView(parseConfig(text).settings);

for (const c of t.insertSetting) {
  test(`insertSetting into ${JSON.stringify(c.text)}`, () => {
    assert.equal(applyEdits(c.text, [insertSetting(c.text, viewOf(c.text), c.name, c.value)]), c.after);
  });
}
for (const c of t.removeSetting) {
  test(`removeSettingEdits ${c.name} from ${JSON.stringify(c.text)}`, () => {
    assert.equal(applyEdits(c.text, removeSettingEdits(c.text, viewOf(c.text), c.name)), c.after);
  });
}
for (const c of t.replaceSetting) {
  test(`replaceSettingEdits ${c.name} in ${JSON.stringify(c.text)}`, () => {
    assert.equal(applyEdits(c.text, replaceSettingEdits(c.text, viewOf(c.text), c.name, c.line)), c.after);
  });
}
for (const c of t.replaceString) {
  test(`replaceString ${c.name} in ${JSON.stringify(c.text)}`, () => {
    const v = viewOf(c.text).string(c.name)!;
    assert.equal(applyEdits(c.text, [replaceString(c.text, v, c.value)]), c.after);
  });
}
