// What xl prints while it reads the config, per the domain model (which follows xl_parse.c of
// the selected release step by step), minus what a more specific check already explains: the
// getter warnings, enum/range/shape problems of this folder, spec strings (rules/specs), the
// device model and firmware (rules/device-model) and the memory layout (rules/layout).
// xl stops at its first fatal message, so the model reports at most one of those.

import type { OffsetRange } from '../../findings';
import type { RuleContext } from '../context';
import { domainOf } from '../../model/domain';
import type { XlMessage } from '../../model/domain';
import { specFindings } from '../specs/support';
import { templateOf } from './catalog-index';
import { getterProblems, isSpecKey } from './getter-problems';
import { enumProblems } from './invalid-enum-value';
import { rangeProblems } from './value-out-of-range';
import { nestedListProblems } from './nested-list-in-device-key';
import { DEPRECATED_KEYS } from './deprecated-key';

export interface LocatedXlMessage extends OffsetRange {
  message: XlMessage;
  key?: string;
  /** The catalog's description of when xl prints it. */
  trigger?: string;
  /** xl's line without the `FILE:LINE: ` prefix. */
  text: string;
}

// Keys whose xl messages the device-model and layout checks explain.
const EXPLAINED_ELSEWHERE = new Set([
  'bios', 'hdtype', 'device_model', 'device_model_override', 'device_model_version', 'device_model_stubdomain_override',
  'firmware', 'bios_path_override', 'stubdomain_kernel', 'stubdomain_ramdisk', 'stubdomain_memory', 'stubdomain_cmdline',
  'mmio_hole', 'videoram',
]);
// Messages about several keys, explained by the device-model checks (pv-no-boot-source) or that
// depend on how xl was built rather than on the config.
const TEXTS_EXPLAINED_ELSEWHERE = new Set([
  'Neither kernel nor bootloader specified',
  'ERROR: this instance of Xen has been built without support of "pygrub".',
]);
// `kernel = ".../hvmloader"` on an HVM guest: the device-model check kernel-hvmloader-ignored.
const TEXT_PREFIXES_EXPLAINED_ELSEWHERE = ['WARNING: you seem to be using "kernel" directive to override HVM guest firmware'];
const GETTER_WARNING = /^[^:\s]*:\d+: warning: (parameter `|can't use \+= with numbers)/;
const LINE_PREFIX = /^[^:\s]+:\d+: /;

function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

/** xl's messages that no more specific check explains, located in the document. */
export function unexplainedXlMessages(ctx: RuleContext): LocatedXlMessage[] {
  return ctx.memo('keys:xl-messages', compute);
}

function compute(ctx: RuleContext): LocatedXlMessage[] {
  const model = domainOf(ctx);
  const mine = [...enumProblems(ctx), ...rangeProblems(ctx), ...nestedListProblems(ctx), ...getterProblems(ctx).filter((g) => g.fatal)];
  const out: LocatedXlMessage[] = [];
  for (const m of model.messages) {
    if (GETTER_WARNING.test(m.text)) continue;
    const text = m.text.replace(LINE_PREFIX, '');
    if (TEXTS_EXPLAINED_ELSEWHERE.has(text) || TEXT_PREFIXES_EXPLAINED_ELSEWHERE.some((p) => text.startsWith(p))) continue;
    const t = templateOf(m.text, m.key) ?? (m.key ? undefined : templateOf(m.text));
    const key = m.key ?? t?.key;
    if (key && (EXPLAINED_ELSEWHERE.has(key) || (DEPRECATED_KEYS.has(key) && !m.exitCode))) continue;
    const s = key ? ctx.view.setting(key) : undefined;
    // A missing key in a file xl cannot even parse (being typed, or not a config at all) is noise.
    if (!ctx.parsed.ok && m.start === undefined && !s) continue;
    const range = m.start !== undefined && m.end !== undefined ? { start: m.start, end: m.end } : s ? { start: s.value.start, end: s.value.end } : { start: 0, end: 0 };
    if (key && mine.some((f) => f.key === key && overlaps(f, range))) continue;
    if (key && isSpecKey(key)) {
      const fatal = m.exitCode !== undefined;
      const spec = specFindings(ctx, key);
      if (spec.some((f) => overlaps(f, range) && (!fatal || f.severity === 'error'))) continue;
    }
    out.push({ ...range, message: m, key, trigger: t?.trigger, text });
  }
  return out;
}
