// xl's view of the config while it builds the domain: the libxlutil getters with their
// warnings (printed unless xl passes dont_warn), the keys it looked up, xl's own messages,
// and where each value of the domain configuration came from.

import type { ConfigView, ListItem, Located, LocatedList } from '../config-view';
import type { Src, XlMessage } from './types';

export type ListRead =
  | { status: 'ok'; list: LocatedList }
  | { status: 'missing' }
  /** The key holds a single value (EINVAL); xl often retries it as a string. */
  | { status: 'scalar' };

export class XlReader {
  readonly messages: XlMessage[] = [];
  readonly keysRead = new Set<string>();
  readonly sources = new Map<string, Src>();
  exit?: XlMessage;

  constructor(
    readonly view: ConfigView,
    /** The name xl puts before `:LINE:` in getter warnings (the config file as given). */
    readonly sourceName: string,
  ) {}

  /** xlu_cfg_get_string (and xlu_cfg_replace_string). */
  string(name: string, dontWarn = false): Located<string> | undefined {
    this.keysRead.add(name);
    this.warnIfNeeded(name, 'string', dontWarn);
    return this.view.string(name);
  }

  /** xlu_cfg_get_long: strtol base 0, the whole string. */
  long(name: string, dontWarn = false): Located<bigint> | undefined {
    this.keysRead.add(name);
    this.warnIfNeeded(name, 'long', dontWarn);
    return this.view.long(name);
  }

  /** xlu_cfg_get_defbool: a long, 0 false and anything else true. */
  defbool(name: string, dontWarn = false): Located<boolean> | undefined {
    this.keysRead.add(name);
    this.warnIfNeeded(name, 'long', dontWarn);
    return this.view.defbool(name);
  }

  /** xlu_cfg_get_list. */
  list(name: string, dontWarn = false): ListRead {
    this.keysRead.add(name);
    if (!this.view.has(name)) return { status: 'missing' };
    this.warnIfNeeded(name, 'list', dontWarn);
    const list = this.view.list(name);
    return list ? { status: 'ok', list } : { status: 'scalar' };
  }

  /**
   * xlu_cfg_get_list_as_string_list: the items up to the first one that is not a string
   * (libxlutil stores NULL there, which ends the list for every later reader).
   */
  stringList(name: string, dontWarn = false): { status: 'ok'; items: ListItem[]; list: LocatedList } | { status: 'missing' | 'scalar' } {
    const r = this.list(name, dontWarn);
    if (r.status !== 'ok') return r;
    return { status: 'ok', items: itemsUntilNested(r.list), list: r.list };
  }

  /** xl's loops over `xlu_cfg_get_listitem`, which stop at the first item that is not a string. */
  items(list: LocatedList): ListItem[] {
    return itemsUntilNested(list);
  }

  /** A line xl prints itself (not through a getter). */
  say(text: string, at?: { key: string; start: number; end: number }, noNewline = false): void {
    if (this.exit) return;
    this.messages.push({ text, ...at, ...(noNewline ? { noNewline } : {}) });
  }

  /** A message after which xl exits with `exitCode`. Later messages are not printed by xl. */
  fail(text: string, exitCode: number, at?: { key: string; start: number; end: number }, noNewline = false): void {
    if (this.exit) return;
    const m: XlMessage = { text, exitCode, ...at, ...(noNewline ? { noNewline } : {}) };
    this.messages.push(m);
    this.exit = m;
  }

  /** xl crashes here (a NULL dereference in xl or libxl); nothing more is printed. */
  crash(at?: { key: string; start: number; end: number }, signal: 'SIGSEGV' | 'SIGABRT' = 'SIGSEGV'): void {
    if (this.exit) return;
    const m: XlMessage = { text: '', exitCode: signal === 'SIGSEGV' ? 139 : 134, crash: signal, ...at };
    this.messages.push(m);
    this.exit = m;
  }

  /** Records that the libxl field at `path` came from `located` (a value of key `key`). */
  from(path: string, key: string, located: { start: number; end: number } | undefined): void {
    if (located) this.sources.set(path, { key, start: located.start, end: located.end });
  }

  at(key: string, located: { start: number; end: number }): { key: string; start: number; end: number } {
    return { key, start: located.start, end: located.end };
  }

  private warnIfNeeded(name: string, as: 'string' | 'long' | 'list', dontWarn: boolean): void {
    if (dontWarn || this.exit) return;
    const issue = this.view.issue(name, as);
    if (!issue) return;
    this.messages.push({
      text: `${this.sourceName}:${issue.setting.line}: ${issue.xenMessage}`,
      key: name,
      start: issue.start,
      end: issue.end,
    });
  }
}

/** xl's stderr as text lines (messages printed without a newline join the next one). */
export function stderrLines(messages: readonly XlMessage[]): string[] {
  let text = '';
  for (const m of messages) {
    if (!m.text) continue;
    text += m.text + (m.noNewline ? '' : '\n');
  }
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

function itemsUntilNested(list: LocatedList): ListItem[] {
  const out: ListItem[] = [];
  for (const it of list.items) {
    if (it.value === null) break;
    out.push(it);
  }
  return out;
}
