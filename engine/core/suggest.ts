// Did-you-mean: the closest known name by edit distance, for unknown keywords, modules, parameters and choices.

/** Damerau-Levenshtein distance (optimal string alignment): a swapped pair of letters counts as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      d[i * cols + j] = v;
    }
  }
  return at(a.length, b.length);
}

/** The known name closest to `word`, if it is close enough to be a likely typo (case differences are free). */
export function closest(word: string, known: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  // a word cut short ("start" for "started") is a likely slip too, when only one name continues it
  if (w.length >= 3) {
    const longer = [...known].filter((k) => k.toLowerCase().startsWith(w) && k.length > w.length);
    if (longer.length === 1) return longer[0];
  }
  const limit = w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(w, k.toLowerCase());
    if (d < bestD || (d === bestD && best !== undefined && k.length < best.length)) {
      best = k;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}

/** "did you mean X?" or a fallback listing (short lists are shown whole). */
export function didYouMean(word: string, known: readonly string[], what = ''): string | undefined {
  const best = closest(word, known);
  if (best !== undefined) return `did you mean "${best}"?`;
  if (known.length > 0 && known.length <= 12) return `${what ? `${what}: ` : 'expected one of: '}${known.join(', ')}`;
  return undefined;
}
