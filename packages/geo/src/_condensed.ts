/**
 * Length of a condensed distance vector for `n` points: `n(n − 1)/2`.
 *
 * @throws RangeError unless `n` is a non-negative safe integer
 */
export function condensedLength(n: number): number {
  checkCount(n);
  return n < 2 ? 0 : (n * (n - 1)) / 2;
}

/**
 * Position of pair (i, j), `i < j`, in a condensed vector in SciPy `pdist` order
 * ((0,1) (0,2) … (0,n−1) (1,2) …): `n·i − i(i+1)/2 + (j − i − 1)`.
 *
 * @throws RangeError unless `0 <= i < j < n` are integers (the order is not swapped for you)
 */
export function condensedIndex(n: number, i: number, j: number): number {
  checkCount(n);
  if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j >= n || i >= j) {
    throw new RangeError(
      `condensedIndex needs integers 0 <= i < j < n; got n=${n}, i=${i}, j=${j}`,
    );
  }
  return n * i - (i * (i + 1)) / 2 + (j - i - 1);
}

/**
 * The pair (i, j) at position `k` of a condensed vector for `n` points (inverse of
 * {@link condensedIndex}).
 *
 * @throws RangeError unless `0 <= k < n(n − 1)/2` is an integer
 */
export function condensedPair(n: number, k: number): [number, number] {
  const length = condensedLength(n);
  if (!Number.isInteger(k) || k < 0 || k >= length) {
    throw new RangeError(`condensedPair needs an integer 0 <= k < ${length}; got k=${k} (n=${n})`);
  }
  // Closed form, then a correction step against floating-point rounding of the square root.
  let i = n - 2 - Math.floor(Math.sqrt(4 * n * (n - 1) - 8 * k - 7) / 2 - 0.5);
  if (i < 0) i = 0;
  if (i > n - 2) i = n - 2;
  while (i > 0 && rowStart(n, i) > k) i--;
  while (i < n - 2 && rowStart(n, i + 1) <= k) i++;
  return [i, k - rowStart(n, i) + i + 1];
}

/** Condensed index of (i, i+1). */
function rowStart(n: number, i: number): number {
  return n * i - (i * (i + 1)) / 2;
}

/**
 * Unordered pairs of the lower triangle, row by row (the `pairs` output order): for each j in
 * input order, (i, j) for every i < j —
 * (0,1) (0,2) (1,2) (0,3) (1,3) (2,3) …
 *
 * @throws RangeError unless `n` is a non-negative safe integer
 */
export function* lowerTrianglePairs(n: number): Generator<[number, number], void, undefined> {
  checkCount(n);
  for (let j = 1; j < n; j++) {
    for (let i = 0; i < j; i++) yield [i, j];
  }
}

/** @deprecated Renamed {@link lowerTrianglePairs} (what it lists); this alias will go. */
export const workshopPairs: typeof lowerTrianglePairs = lowerTrianglePairs;

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  if (n * (n - 1) > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`n = ${n} is too large: condensed indices would not be exact integers`);
  }
}
