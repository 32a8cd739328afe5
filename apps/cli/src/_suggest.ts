/**
 * Jaro-Winkler similarity of two words, from 0 (nothing in common) to 1 (equal). It weighs a
 * shared start, which is how typos and half-remembered option names usually look.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const usedB = new Array<boolean>(b.length).fill(false);
  const matchedA: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (!usedB[j] && a[i] === b[j]) {
        usedB[j] = true;
        matchedA.push(a[i]!);
        break;
      }
    }
  }
  const m = matchedA.length;
  if (m === 0) return 0;
  const matchedB = [...b].filter((_, j) => usedB[j]);
  let halfTranspositions = 0;
  for (let k = 0; k < m; k++) if (matchedA[k] !== matchedB[k]) halfTranspositions++;
  const jaro = (m / a.length + m / b.length + (m - halfTranspositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`: the optimal
 * string alignment distance.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * How alike a typed word is to a candidate: Jaro-Winkler, raised to 0.8 when the two are one
 * edit apart (two for words of five letters or more), which short words need (`rnu`, `run`).
 */
function likeness(word: string, candidate: string): number {
  const edits = word.length >= 5 ? 2 : 1;
  const near = editDistance(word, candidate) <= edits ? 0.8 : 0;
  return Math.max(near, similarity(word, candidate));
}

/** The candidate most like `word`, if any is alike enough (likeness at least 0.7). */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = 0.7;
  for (const candidate of candidates) {
    const score = likeness(word.toLowerCase(), candidate);
    if (score >= bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** ` (did you mean X?)` for the closest candidate, or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>, prefix = ""): string {
  const match = closest(word, candidates);
  return match === undefined ? "" : ` (did you mean ${prefix}${match}?)`;
}
