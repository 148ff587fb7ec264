// Runs one start rule of a generated spec grammar. The spec grammars are written to accept
// any input, so a thrown SyntaxError means a grammar bug; it is still turned into a
// located result (never an exception) so one odd string cannot stop the analysis.

export type GeneratedParse = (input: string, options?: { startRule?: string }) => unknown;

export type RuleResult<T> =
  | { ok: true; value: T }
  | { ok: false; start: number; end: number; message: string };

interface PeggyLocation {
  start: { offset: number };
  end: { offset: number };
}

export function runRule<T>(parse: GeneratedParse, text: string, startRule: string): RuleResult<T> {
  try {
    return { ok: true, value: parse(text, { startRule }) as T };
  } catch (e) {
    const loc = (e as { location?: PeggyLocation }).location;
    return {
      ok: false,
      start: loc ? loc.start.offset : 0,
      end: loc ? Math.max(loc.end.offset, loc.start.offset) : text.length,
      message: (e as Error).message,
    };
  }
}

/** Like runRule, for the total start rules: an unexpected failure becomes `fallback`. */
export function runTotal<T>(parse: GeneratedParse, text: string, startRule: string, fallback: T): T {
  const r = runRule<T>(parse, text, startRule);
  return r.ok ? r.value : fallback;
}
