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
