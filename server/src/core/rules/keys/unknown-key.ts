// A key no Xen release's xl reads: xl looks keys up by name and never reports the ones it
// does not know, so a typo silently drops the setting. Suggest the closest keys of the
// selected release (Damerau–Levenshtein), with a rename as quick fix.

import type { Rule, RuleFinding } from '../rule';
import { allKeys } from '../../catalog';
import { XEN_VERSIONS, type XenVersion } from '../../xen-version';
import { factsOf } from './catalog-index';
import { XM_KEYS } from './xm-keys';
import { closest } from './did-you-mean';
import { fix, nameRange } from './support';

// Keys other checks explain better (layout: `extra_memory`, a proposal that never became a key).
const EXPLAINED_ELSEWHERE = new Set(['extra_memory']);

// Names people write for a key that has another name in xl (not typos, so edit distance misses them).
const ALIASES: Record<string, string> = {
  initrd: 'ramdisk',
  mem: 'memory',
  maxmemory: 'maxmem',
  max_memory: 'maxmem',
  disks: 'disk',
  vifs: 'vif',
  nics: 'vif',
  network: 'vif',
  cmd_line: 'cmdline',
  append: 'extra',
  args: 'extra',
};

const NAMES_BY_RELEASE = new Map<XenVersion, string[]>(XEN_VERSIONS.map((v) => [v, allKeys(v).map((e) => e.name)]));

export const unknownKey: Rule = {
  slug: 'unknown-key',
  defaultSeverity: 'warning',
  description: 'A key xl does not know: xl ignores it without a word (did you mean …?).',
  check(ctx) {
    const out: RuleFinding[] = [];
    const names = NAMES_BY_RELEASE.get(ctx.xenVersion) ?? [];
    for (const s of ctx.view.settings) {
      if (factsOf(s.name) || XM_KEYS.has(s.name) || EXPLAINED_ELSEWHERE.has(s.name)) continue;
      const alias = ALIASES[s.name];
      const guesses = alias && names.includes(alias) ? [alias] : closest(s.name, names);
      const hint = guesses.length
        ? ` Did you mean ${guesses.map((g) => `\`${g}\``).join(guesses.length > 1 ? ' or ' : '')}?`
        : ' Check the spelling against xl.cfg(5).';
      out.push({
        ...nameRange(s),
        message:
          `xl ignores \`${s.name}\`: no Xen release reads a key of that name, so this setting has no effect and xl says nothing about it (all releases).` +
          hint,
        fixes: guesses.map((g, i) => fix(`Rename to \`${g}\``, [{ ...nameRange(s), newText: g }], i === 0 && guesses.length === 1)),
      });
    }
    return out;
  },
};
