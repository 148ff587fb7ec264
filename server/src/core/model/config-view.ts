// What xl sees when it asks libxlutil for a key: the last assignment wins, `+=` has been
// applied, and each typed getter (string, long, defbool, list) has its own way of refusing
// a value. Every answer keeps the source range it came from, for diagnostics and fixes.

import type { Setting, StringValue, Value } from '../syntax/tree';
import { xlStrtol } from './strtol';

export interface Located<T> {
  value: T;
  start: number;
  end: number;
  setting: Setting;
}

export interface ListItem {
  /** The item's text, or null for a nested list where xl wanted a string. */
  value: string | null;
  start: number;
  end: number;
  node: Value;
}

export interface LocatedList {
  items: ListItem[];
  start: number;
  end: number;
  setting: Setting;
}

/** Why a typed getter refused a value; xl prints the warning and ignores the key. */
export type GetterProblem = 'list-not-scalar' | 'scalar-not-list' | 'plus-equals-number' | 'not-a-number' | 'out-of-range';

export interface GetterIssue {
  problem: GetterProblem;
  setting: Setting;
  start: number;
  end: number;
  /** xl's warning text, without the `file:line: ` prefix. */
  xenMessage: string;
}

/** Reads a parsed config the way xl_parse.c does (lookups by name, typed getters). */
export class ConfigView {
  private readonly last = new Map<string, Setting>();
  private readonly byName = new Map<string, Setting[]>();

  /**
   * @param settings every complete assignment in file order. Xen stops storing at the first
   *   parse error, but an editor wants analysis of the whole file, so every assignment counts.
   */
  constructor(readonly settings: readonly Setting[]) {
    for (const s of settings) {
      if (s.failed) continue;
      this.last.set(s.name, s);
      let list = this.byName.get(s.name);
      if (!list) this.byName.set(s.name, (list = []));
      list.push(s);
    }
  }

  names(): string[] {
    return [...this.last.keys()];
  }

  has(name: string): boolean {
    return this.last.has(name);
  }

  /** The assignment a lookup finds: the last one. */
  setting(name: string): Setting | undefined {
    return this.last.get(name);
  }

  /** Every assignment of `name`, in file order. */
  all(name: string): readonly Setting[] {
    return this.byName.get(name) ?? [];
  }

  /** The value a lookup returns (with `+=` applied). */
  value(name: string): Value | undefined {
    const s = this.last.get(name);
    return s ? (s.accumulated ?? s.value) : undefined;
  }

  /** xlu_cfg_get_string: a scalar, or undefined when missing or a list. */
  string(name: string): Located<string> | undefined {
    const s = this.last.get(name);
    const v = s && (s.accumulated ?? s.value);
    if (!s || !v || v.kind !== 'string') return undefined;
    return { value: v.value, start: s.value.start, end: s.value.end, setting: s };
  }

  /** xlu_cfg_get_long: strtol base 0 on a scalar not made by `+=`, else undefined. */
  long(name: string): Located<bigint> | undefined {
    const s = this.last.get(name);
    if (!s || s.op === '+=' || s.value.kind !== 'string') return undefined;
    const r = xlStrtol(s.value.value);
    return r.ok ? { value: r.value, start: s.value.start, end: s.value.end, setting: s } : undefined;
  }

  /** long() as a JavaScript number (exact up to 2^53). */
  number(name: string): Located<number> | undefined {
    const l = this.long(name);
    return l ? { ...l, value: Number(l.value) } : undefined;
  }

  /** xlu_cfg_get_defbool: a long where 0 is false and anything else true. */
  defbool(name: string): Located<boolean> | undefined {
    const l = this.long(name);
    return l ? { ...l, value: l.value !== 0n } : undefined;
  }

  /** xlu_cfg_get_list: the items of a list value, or undefined when missing or a scalar. */
  list(name: string): LocatedList | undefined {
    const s = this.last.get(name);
    const v = s && (s.accumulated ?? s.value);
    if (!s || !v || v.kind !== 'list') return undefined;
    return {
      items: v.items.map((it) => ({
        value: it.kind === 'string' ? it.value : null,
        start: it.start,
        end: it.end,
        node: it,
      })),
      start: s.value.start,
      end: s.value.end,
      setting: s,
    };
  }

  /**
   * The warning xl prints when it reads `name` with the given getter, or undefined when the
   * read succeeds (or the key is absent).
   */
  issue(name: string, as: 'string' | 'long' | 'list'): GetterIssue | undefined {
    const s = this.last.get(name);
    if (!s) return undefined;
    const v = s.accumulated ?? s.value;
    const at = { setting: s, start: s.value.start, end: s.value.end };
    if (as === 'list') {
      return v.kind === 'list'
        ? undefined
        : { ...at, problem: 'scalar-not-list', xenMessage: `warning: parameter \`${name}' is a single value but should be a list` };
    }
    if (v.kind === 'list') {
      return { ...at, problem: 'list-not-scalar', xenMessage: `warning: parameter \`${name}' is a list but should be a single value` };
    }
    if (as === 'string') return undefined;
    if (s.op === '+=') {
      return { ...at, problem: 'plus-equals-number', xenMessage: `warning: can't use += with numbers for parameter \`${name}'` };
    }
    const r = xlStrtol((v as StringValue).value);
    if (r.ok) return undefined;
    return r.reason === 'range'
      ? { ...at, problem: 'out-of-range', xenMessage: `warning: parameter \`${name}' could not be parsed as a number: Numerical result out of range` }
      : { ...at, problem: 'not-a-number', xenMessage: `warning: parameter \`${name}' is not a valid number` };
  }
}
