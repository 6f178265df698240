// Turning per-bucket series into SVG paths: gaps (NaN) break the line instead of drawing through zero.

export function linePath(values: readonly number[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** Largest finite value over several series, at least `floor`, so an empty chart still has an axis. */
export function maxOf(series: ReadonlyArray<readonly number[] | undefined>, floor: number): number {
  let m = floor;
  for (const s of series) if (s) for (const v of s) if (Number.isFinite(v) && v > m) m = v;
  return m;
}

/** Per-bucket counts to per-second rates. */
export function perSecond(counts: readonly number[], bucketUs: number): number[] {
  return counts.map((c) => (c * 1e6) / bucketUs);
}

/**
 * How many buckets have ended by the instant tUs (all of them at the run's end). A chart draws those and
 * nothing after: a bucket still in progress holds only part of its counts and would read as a fall at the
 * clock, and what the run computed ahead of the clock is not part of the instant.
 */
export function bucketsEndedBy(tUs: number, bucketUs: number, buckets: number, endUs: number): number {
  if (tUs >= endUs) return buckets;
  return Math.max(0, Math.min(buckets, Math.floor(tUs / bucketUs)));
}

/** Per-bucket values with every bucket from `done` on left out (NaN, a gap in the line). */
export function wholeBuckets(values: readonly number[], done: number): number[] {
  return values.map((v, i) => (i < done ? v : NaN));
}
