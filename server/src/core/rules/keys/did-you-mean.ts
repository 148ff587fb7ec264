// Did-you-mean: the optimal-string-alignment Damerau–Levenshtein distance (adjacent swaps
// count as one edit, the usual typo), and the closest candidates within a distance that
// grows with the word's length.

/** Edit distance with adjacent transpositions; stops early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2] + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

const UNDERSCORES = /_/g;

/** How many edits still count as a typo of a word this long. */
export function typoBudget(word: string): number {
  return word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
}

/**
 * The candidates closest to `word` (ties keep the candidates' order), at most `max`, within
 * the typo budget. Case is ignored when comparing.
 */
export function closest(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  const wBare = w.replace(UNDERSCORES, '');
  const budget = typoBudget(w);
  const scored: Array<{ c: string; d: number; i: number }> = [];
  candidates.forEach((c, i) => {
    const lc = c.toLowerCase();
    let d = editDistance(w, lc, budget);
    // A key with a missing or extra `_` or `s` is a likely slip even when long words differ more.
    if (d > budget && (lc.replace(UNDERSCORES, '') === wBare || lc + 's' === w || w + 's' === lc)) d = budget;
    if (d <= budget) scored.push({ c, d, i });
  });
  scored.sort((x, y) => x.d - y.d || x.i - y.i);
  // Only the nearest ones: a one-letter slip should not also suggest two-letter neighbours.
  const best = scored.length ? scored[0].d : 0;
  return scored.filter((s) => s.d === best).slice(0, max).map((s) => s.c);
}
