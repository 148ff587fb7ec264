// Every handler runs behind this guard: an exception in one feature is logged and answered
// with an empty result, so no input can take the server down.

import type { Connection } from 'vscode-languageserver';

export type Logger = Pick<Connection['console'], 'error' | 'warn' | 'info' | 'log'>;

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  return String(e);
}

/** Wraps a handler; on a throw or a rejected promise, logs `what` and returns `fallback`. */
export function guard<A extends unknown[], R>(
  log: Logger,
  what: string,
  fallback: R,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> | R {
  return (...args: A) => {
    try {
      const result = handler(...args);
      if (result instanceof Promise) {
        return result.catch((e: unknown) => {
          log.error(`xlcfg: ${what} failed: ${describeError(e)}`);
          return fallback;
        });
      }
      return result;
    } catch (e) {
      log.error(`xlcfg: ${what} failed: ${describeError(e)}`);
      return fallback;
    }
  };
}
