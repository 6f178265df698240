// Binary searches over ascending numbers: the times in a run's columns (commits, history rows,
// acknowledgements) are in order, so "how many are at most t" is a search, not a scan.

/** The first index in [from, to) whose value is above x, or `to` (values ascending). */
export function firstAbove(values: ArrayLike<number>, x: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in [from, to) whose value is x or above, or `to` (values ascending). */
export function firstAtLeast(values: ArrayLike<number>, x: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
