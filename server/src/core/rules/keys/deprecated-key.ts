// Keys xl still reads but that are deprecated, with the key (or command) that replaced them.
// Some make xl print a warning; others are read silently and no longer do anything useful.

import type { Rule, RuleFinding } from '../rule';
import type { Severity, TextEdit } from '../../findings';
import type { RuleContext } from '../context';
import type { Setting } from '../../syntax/tree';
import { keyExistsIn } from '../../catalog';
import { xlStrtol } from '../../model/strtol';
import { guestTypeOfBuilderValue } from '../../model/domain';
import { factsOf } from './catalog-index';
import { fix, nameRange, removeAssignment, valueRange } from './support';

interface Advice {
  severity: Severity;
  /** What xl does today, one sentence. */
  effect: string;
  /** The replacement assignment for this value, or undefined when removing is the fix. */
  replace?: (ctx: RuleContext, s: Setting) => string | undefined;
  /** When false, the value form is fine and only some values are deprecated. */
  applies?: (s: Setting) => boolean;
  /** What to do, when it is not "use the catalog's replacement". */
  instead?: string;
  /** The finding is about the value's form rather than the key (shown on the value). */
  onValue?: boolean;
}

const numberOf = (s: Setting): bigint | undefined => {
  if (s.value.kind !== 'string') return undefined;
  const r = xlStrtol(s.value.value);
  return r.ok ? r.value : undefined;
};

// `device_model` is explained by the device-model checks (dm-legacy-device-model-key).
const ADVICE: Record<string, Advice> = {
  altp2mhvm: {
    severity: 'warning',
    effect: 'xl prints "WARNING: Specifying "altp2mhvm" is deprecated. Please use "altp2m" instead." and still honours it',
    replace: (ctx, s) => {
      const n = numberOf(s);
      if (n === undefined || ctx.view.has('altp2m')) return undefined;
      return `altp2m = "${n !== 0n ? 'mixed' : 'disabled'}"`;
    },
  },
  builder: {
    severity: 'hint',
    effect: 'xl still accepts it silently (a prefix of "hvm" or "generic") and agrees with `type` when both are given',
    replace: (ctx, s) => {
      if (s.value.kind !== 'string' || ctx.view.has('type')) return undefined;
      const t = guestTypeOfBuilderValue(s.value.value);
      return t ? `type = "${t}"` : undefined;
    },
  },
  stdvga: {
    severity: 'information',
    effect: 'xl still reads it (1 = stdvga, 0 = cirrus), but a `vga` setting overrides it',
    replace: (ctx, s) => {
      const n = numberOf(s);
      if (n === undefined || ctx.view.has('vga')) return undefined;
      return `vga = "${n !== 0n ? 'stdvga' : 'cirrus'}"`;
    },
  },
  vncviewer: {
    severity: 'warning',
    effect: 'xl prints "WARNING: ignoring "vncviewer" option." and starts no viewer',
  },
  vif2: {
    severity: 'warning',
    effect: 'xl prints "WARNING: vif2: netchannel2 is deprecated and not supported by xl" and creates no such interface',
    instead: 'Describe the interfaces with `vif`.',
  },
  latency: {
    severity: 'information',
    effect: 'it was a parameter of the SEDF scheduler, removed in Xen 4.6; no scheduler of later releases uses it',
  },
  slice: {
    severity: 'information',
    effect: 'it was a parameter of the SEDF scheduler, removed in Xen 4.6; no scheduler of later releases uses it',
  },
  bootloader_args: {
    severity: 'warning',
    effect: 'given as a string, xl prints "WARNING: Specifying "bootloader_args" as a string is deprecated. Please use a list of arguments." and splits it at blanks',
    applies: (s) => (s.accumulated ?? s.value).kind === 'string',
    instead: 'Write the arguments as a list, one string each.',
    onValue: true,
    replace: (_ctx, s) => {
      const v = s.accumulated ?? s.value;
      if (v.kind !== 'string' || s.op === '+=') return undefined;
      const words = v.value.split(BLANKS).filter((w) => w !== '');
      return `bootloader_args = [ ${words.map((w) => JSON.stringify(w)).join(', ')} ]`;
    },
  },
};
const BLANKS = /[ \t\n]+/;

export const deprecatedKey: Rule = {
  slug: 'deprecated-key',
  defaultSeverity: 'information',
  description: 'A deprecated key, with the key or command that replaced it.',
  check(ctx) {
    const out: RuleFinding[] = [];
    const text = ctx.parsed.text;
    for (const [name, advice] of Object.entries(ADVICE)) {
      const settings = ctx.view.all(name);
      if (!settings.length) continue;
      const f = factsOf(name)!;
      if (!keyExistsIn(f.entry, ctx.xenVersion)) continue;
      const last = settings[settings.length - 1];
      if (advice.applies && !advice.applies(last)) continue;
      const dep = f.entry.deprecated;
      const since = dep ? ` since Xen ${dep.since}` : '';
      const replacement = advice.replace?.(ctx, last);
      const edits: TextEdit[] = settings.slice(0, -1).map((s) => removeAssignment(text, s));
      const fixes = replacement
        ? [fix(`Replace with \`${replacement}\``, [...edits, { start: last.start, end: last.end, newText: replacement }], true)]
        : [fix(`Remove \`${name}\``, [...edits, removeAssignment(text, last)], true)];
      const instead = advice.instead ? ` ${advice.instead}` : dep?.replacement ? ` Use \`${dep.replacement}\` instead.` : ' Remove it.';
      out.push({
        ...(advice.onValue ? valueRange(last) : nameRange(last)),
        severity: advice.severity,
        message: `\`${name}\` is deprecated${since}: ${advice.effect} (Xen ${ctx.xenVersion}).${instead}`,
        fixes,
        tags: ['deprecated'],
      });
    }
    return out;
  },
};

/** Keys this check explains (the xl-message checks leave their warnings to it). */
export const DEPRECATED_KEYS: ReadonlySet<string> = new Set([...Object.keys(ADVICE), 'device_model']);
