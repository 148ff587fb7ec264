// RDM_RESERVATION_STRING, the `rdm` key: `strategy=host` and/or `policy=strict|relaxed`,
// read by xlu_rdm_parse. xl ignores the whole key when the parser fails (it prints the
// parser's message, if any, and goes on), so every problem here means "rdm is ignored".
//
// Since Xen 4.15 (commit bdc0799fe26, still present in 4.22) the parser inverts the result
// of its own policy check: a valid `policy=` makes it fail without a message, an invalid
// one prints "Unknown RDM policy" and is otherwise accepted.

import { parse as parseRdmGrammar } from '../../generated/spec-rdm';
import { compareXen, NEWEST_XEN, type XenVersion } from '../xen-version';
import { runTotal, type GeneratedParse } from './peg';
import { closest, problem, releases } from './problems';
import type { RdmPolicy } from './pci';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

const grammar = parseRdmGrammar as GeneratedParse;

export interface RdmSpec {
  strategy?: SpecField<string>;
  policy?: SpecField<string>;
  entries: Array<{ key: SpecField<string>; value: SpecField<string> }>;
  /** True when xl applies the setting (xlu_rdm_parse succeeded). */
  accepted: boolean;
  /** The strategy xl applies: 'host' when accepted with strategy=host, else 'ignore' (libxl's default). */
  effectiveStrategy: 'host' | 'ignore';
  /**
   * The policy xl applies when accepted: the one written (4.13/4.14), or on 4.15+ an
   * uninitialised value that shows up as strict in practice. undefined when not accepted.
   */
  effectivePolicy?: RdmPolicy;
}

interface Span {
  value: string;
  start: number;
  end: number;
}
interface G {
  entries: Array<{ key: Span; value: Span; comma: boolean }>;
  tail: Span | null;
}

const IGNORED = 'xl then ignores the whole `rdm` setting, so no reserved device memory is set up for the guest from it';

export function parseRdmSpec(text: string, options: SpecParseOptions = {}): SpecParseResult<RdmSpec> {
  const version: XenVersion = options.xenVersion ?? NEWEST_XEN;
  const inverted = compareXen(version, '4.15') >= 0;
  const g = runTotal<G>(grammar, text, 'Spec', { entries: [], tail: { value: text, start: 0, end: text.length } });
  const spec: RdmSpec = { entries: [], accepted: false, effectiveStrategy: 'ignore' };
  const problems: SpecProblem[] = [];
  let policyWritten: RdmPolicy | undefined;
  const fail = (p: SpecProblem) => {
    problems.push(p);
    return { spec, problems };
  };

  for (const e of g.entries) {
    spec.entries.push({ key: e.key, value: e.value });
    if (e.key.value === 'strategy') {
      spec.strategy = e.value;
      if (e.value.value !== 'host') {
        return fail(
          problem({
            code: 'rdm-strategy-unknown',
            ...range(e.value),
            reaction: 'warning',
            xenMessage: `Unknown RDM strategy option: ${e.value.value}`,
            message: `Unknown RDM strategy \`${e.value.value}\`: the only strategy is \`host\`. ${IGNORED} (${releases('4.13')}).`,
            replacement: { title: 'Change to `host`', newText: 'host', ...range(e.value) },
          }),
        );
      }
    } else if (e.key.value === 'policy') {
      spec.policy = e.value;
      const lower = e.value.value.toLowerCase();
      if (inverted) {
        const valid = lower === 'strict' || lower === 'relaxed' || lower === 'invalid';
        if (valid) {
          const entryEnd = e.comma ? e.value.end + 1 : e.value.end;
          // Remove ",policy=..." (or "policy=...," when it comes first) so the rest still applies.
          const removeStart = e.comma || e.key.start === 0 ? e.key.start : e.key.start - 1;
          return fail(
            problem({
              code: 'rdm-policy-ignored',
              start: e.key.start,
              end: e.value.end,
              reaction: 'silent',
              message:
                `\`policy=${e.value.value}\` makes xl ignore the whole \`rdm\` setting without any message on ${releases('4.15')}: ` +
                'a bug in xlu_rdm_parse rejects every valid policy, so `strategy=host` is dropped too and no RDM regions are reserved. ' +
                'Remove `policy=` here and set `rdm_policy=' + lower + '` on each `pci` device instead (only `rdm="strategy=host"` works).',
              replacement: { title: `Remove \`policy=${e.value.value}\``, newText: '', start: removeStart, end: e.comma ? entryEnd : e.value.end },
            }),
          );
        }
        problems.push(
          problem({
            code: 'rdm-policy-unknown',
            ...range(e.value),
            reaction: 'warning',
            xenMessage: `Unknown RDM policy: ${e.value.value}`,
            message:
              `Unknown RDM policy \`${e.value.value}\`: xl prints a message but, because of a bug on ${releases('4.15')}, keeps the rest of the setting ` +
              'with an unset policy (in practice strict). Valid policies (`strict`, `relaxed`) are themselves ignored there; ' +
              'remove `policy=` and use `rdm_policy=` on the `pci` devices.',
          }),
        );
      } else if (e.value.value === 'strict' || e.value.value === 'relaxed') {
        policyWritten = e.value.value;
      } else {
        const guess = closest(e.value.value, ['strict', 'relaxed']);
        return fail(
          problem({
            code: 'rdm-policy-unknown',
            ...range(e.value),
            reaction: 'warning',
            xenMessage: `Unknown RDM property policy value: ${e.value.value}`,
            message: `Unknown RDM policy \`${e.value.value}\` (use \`strict\` or \`relaxed\`, lower case). ${IGNORED} (Xen ${version}).`,
            replacement: guess ? { title: `Change to \`${guess}\``, newText: guess, ...range(e.value) } : undefined,
          }),
        );
      }
    } else {
      const guess = closest(e.key.value, ['strategy', 'policy']);
      return fail(
        problem({
          code: 'rdm-option-unknown',
          ...range(e.key),
          reaction: 'warning',
          xenMessage: `Unknown RDM state option: ${e.key.value}`,
          message: `Unknown \`rdm\` option \`${e.key.value}\` (the options are \`strategy\` and \`policy\`). ${IGNORED}.`,
          replacement: guess ? { title: `Change to \`${guess}\``, newText: guess, ...range(e.key) } : undefined,
        }),
      );
    }
  }
  const last = g.entries[g.entries.length - 1];
  if (g.tail || !last || last.comma) {
    const start = g.tail ? g.tail.start : last && last.comma ? last.value.end : 0;
    const end = g.tail ? g.tail.end : Math.min(text.length, start + 1);
    const what = g.tail
      ? `\`${g.tail.value}\` has no \`=\` (write \`strategy=host\`)`
      : text === ''
        ? 'An empty `rdm` string sets nothing'
        : 'A trailing comma';
    return fail(
      problem({
        code: 'rdm-syntax',
        start,
        end,
        reaction: 'silent',
        message: `${what}: xlu_rdm_parse fails without a message and ${IGNORED}.`,
        replacement: !g.tail && last && last.comma ? { title: 'Remove the trailing comma', newText: '', start, end } : undefined,
      }),
    );
  }
  spec.accepted = true;
  if (spec.strategy) spec.effectiveStrategy = 'host';
  // Without a (usable) policy, xl copies an uninitialised field; it reads as strict in practice.
  spec.effectivePolicy = policyWritten ?? 'strict';
  return { spec, problems };
}

function range(s: { start: number; end: number }): { start: number; end: number } {
  return { start: s.start, end: s.end };
}
