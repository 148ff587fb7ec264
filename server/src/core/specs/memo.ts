// The same spec string is read by several stages on every keystroke (the domain model, the
// device-model plan, the memory layout and the spec checks), and a config can list hundreds of
// disks. Parsing each distinct (release, string) once keeps that linear. The results are
// frozen: a stage that tried to change a shared result would throw in the tests.

import type { SpecParseOptions } from './types';
import { NEWEST_XEN } from '../xen-version';

const LIMIT = 4096;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as Record<string, unknown>)) deepFreeze(v);
  }
  return o;
}

export function memoizeSpec<R>(parse: (text: string, options?: SpecParseOptions) => R): (text: string, options?: SpecParseOptions) => R {
  const cache = new Map<string, R>();
  return (text: string, options: SpecParseOptions = {}): R => {
    const key = `${options.xenVersion ?? NEWEST_XEN}\u0000${text}`;
    let r = cache.get(key);
    if (r === undefined) {
      if (cache.size >= LIMIT) cache.clear();
      r = deepFreeze(parse(text, options));
      cache.set(key, r);
    }
    return r;
  };
}
