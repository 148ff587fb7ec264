// Delta debugging for a failing input: drop lines, then ever smaller chunks, then single
// bytes, keeping each cut that still fails the same way.

export function shrink(input: string, stillFails: (candidate: string) => boolean, budget = 400): string {
  let best = input;
  let tries = 0;
  const attempt = (candidate: string): boolean => {
    if (tries >= budget || candidate === best) return false;
    tries++;
    if (stillFails(candidate)) {
      best = candidate;
      return true;
    }
    return false;
  };

  let progress = true;
  while (progress && tries < budget) {
    progress = false;
    // Whole lines first: the usual culprit is one line.
    const lines = best.split(/(?<=\n)/);
    for (let i = lines.length - 1; i >= 0 && tries < budget; i--) {
      const cut = [...lines.slice(0, i), ...lines.slice(i + 1)].join('');
      if (attempt(cut)) {
        lines.splice(i, 1);
        progress = true;
      }
    }
    // Then chunks, halving their size down to single bytes.
    for (let size = Math.max(1, best.length >> 1); size >= 1 && tries < budget; size >>= 1) {
      for (let at = best.length - size; at >= 0 && tries < budget; at -= size) {
        if (attempt(best.slice(0, at) + best.slice(at + size))) progress = true;
      }
      if (size === 1) break;
    }
  }
  return best;
}
