// Histories count integer microseconds; everything shown to people is in milliseconds with at most three
// decimals, which is exactly the microsecond resolution, so rounding here never hides information.

export function usToMs(us: number): number {
  return Math.round(us) / 1000;
}

export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export function msToUs(ms: number): number {
  return Math.round(ms * 1000);
}
