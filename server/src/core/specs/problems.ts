// Builders for SpecProblem, so every parser states xl's reaction the same way.

import type { Severity } from '../findings';
import { XEN_VERSIONS, compareXen, type XenVersion } from '../xen-version';
import type { SpecProblem, XlReaction } from './types';

const SEVERITY: Record<XlReaction, Severity> = {
  fatal: 'error',
  crash: 'error',
  warning: 'warning',
  silent: 'warning',
  none: 'hint',
};

export interface ProblemInit {
  code: string;
  start: number;
  end: number;
  message: string;
  reaction: XlReaction;
  xenMessage?: string;
  exitStatus?: number;
  severity?: Severity;
  replacement?: SpecProblem['replacement'];
}

export function problem(init: ProblemInit): SpecProblem {
  const p: SpecProblem = {
    start: init.start,
    end: Math.max(init.end, init.start),
    message: init.message,
    severity: init.severity ?? SEVERITY[init.reaction],
    code: init.code,
    reaction: init.reaction,
  };
  if (init.xenMessage !== undefined) p.xenMessage = init.xenMessage;
  if (init.exitStatus !== undefined) p.exitStatus = init.exitStatus;
  if (init.replacement) p.replacement = init.replacement;
  return p;
}

/** "Xen 4.15 to 4.22" style range of the modelled releases from `since` (to `until`). */
export function releases(since: XenVersion, until?: XenVersion): string {
  const first = XEN_VERSIONS[0];
  const last = XEN_VERSIONS[XEN_VERSIONS.length - 1];
  const from = compareXen(since, first) < 0 ? first : since;
  const to = until ?? last;
  if (from === to) return `Xen ${from}`;
  if (!until && from === first) return `every Xen release from ${first} on`;
  if (!until) return `Xen ${from} and later`;
  return `Xen ${from} to ${to}`;
}

/** The phrase for a fatal problem: "xl exits (status 6) without creating the domain". */
export function xlExits(status: number): string {
  return `\`xl create\` stops with exit status ${status} and the domain is not created`;
}

/** Closest candidate by edit distance (for "did you mean"), or undefined. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
