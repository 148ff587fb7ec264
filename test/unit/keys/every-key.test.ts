// For every key of the catalog, on every release that reads it, and for guests of a type it
// matters for: a wrong value (a word for a number, a list for a single value, a single value
// for a list, a nested list, an unknown name) gets the diagnostic xl's behaviour calls for, on
// the value — an error where xl stops (per the domain model of that release), at least a
// warning where xl warns, and some finding where xl silently drops the value. The enum keys
// also complete their names inside the quotes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import { allKeys } from '../../../server/src/core/catalog';
import type { KeyEntry } from '../../../server/src/core/catalog/types';
import { domainOf } from '../../../server/src/core/model/domain';
import { keysCompletion } from '../../../server/src/core/features/completion/keys';
import { XEN_VERSIONS } from '../../../server/src/core/xen-version';

function wrongValues(e: KeyEntry): string[] {
  switch (e.valueType) {
    case 'integer':
    case 'defbool':
    case 'boolean':
      return ['"abc"', '[ "1" ]'];
    case 'enum':
    case 'boolean|enum':
      return ['"bogus"', '[ "x" ]'];
    case 'string':
    case 'spec-string':
      return ['[ "x" ]'];
    case 'list-of-specs':
    case 'list-of-strings':
    case 'list-of-lists':
      return ['"x"', '[ "a", [ "b" ] ]'];
    default:
      return ['[ [ "b" ] ]'];
  }
}

for (const release of XEN_VERSIONS) {
  test(`Xen ${release}: every key's wrong value is reported as xl behaves`, () => {
    const problems: string[] = [];
    for (const e of allKeys(release)) {
      const type = e.guestTypes.includes('hvm') ? 'hvm' : e.guestTypes.includes('pvh') ? 'pvh' : 'pv';
      const head = `name = "g"\ntype = "${type}"\n${type !== 'hvm' ? 'kernel = "/k"\n' : ''}`;
      for (const w of wrongValues(e)) {
        const text = `${head}${e.name} = ${w}\n`;
        const vs = text.lastIndexOf(w);
        const ve = vs + w.length;
        const a = analyze(text, { xenVersion: release, fileName: 'test.cfg' });
        const model = domainOf(a.context);
        const fatal = model.exit?.key === e.name;
        const warned = model.messages.some((m) => m.key === e.name);
        const at = a.findings.filter((f) => f.start < ve && vs < f.end);
        const where = `${e.name} = ${w}`;
        if (fatal && !at.some((f) => f.severity === 'error')) problems.push(`${where}: xl stops (${model.exit!.text}) but there is no error on the value`);
        else if (warned && !at.some((f) => f.severity === 'error' || f.severity === 'warning')) problems.push(`${where}: xl warns but there is no warning on the value`);
        else if (!at.length) problems.push(`${where}: nothing reported on the value`);
      }
    }
    assert.deepEqual(problems, []);
  });
}

test('every enum key completes its names inside the quotes', () => {
  for (const e of allKeys('4.22')) {
    if (e.valueType !== 'enum' || !e.enumValues?.length || e.specGrammar) continue;
    const text = `${e.name} = ""\n`;
    const items = keysCompletion(analyze(text), text.indexOf('"') + 1) ?? [];
    assert.deepEqual(items.map((i) => i.label).sort(), [...e.enumValues].sort(), e.name);
  }
});
