// Seeded pseudo-random streams (xoshiro128**). State is four 32-bit words in an Int32Array: a checkpoint
// copies it like any typed array, and the engine draws millions of times a run without converting the
// words between doubles and integers (a plain array of them held doubles).
// Each concern (workload, network, faults, control plane) draws from its own stream, so changing how often
// one of them draws leaves the others' sequences untouched.

export type Rng = Int32Array;

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number, stream: number): Rng {
  const next = splitmix32((seed >>> 0) ^ Math.imul(stream + 1, 0x27d4eb2f));
  const r: Rng = Int32Array.of(next(), next(), next(), next());
  if ((r[0] | r[1] | r[2] | r[3]) === 0) r[0] = 1;
  return r;
}

/**
 * The next 32 bits, as a signed integer: callers take `>>> 0` for the unsigned value. Node's V8 keeps
 * every signed 32-bit number unboxed, but not the unsigned ones at or above 2^31, which were each boxed
 * in a heap object whenever the call was not inlined.
 */
export function nextBits(r: Rng): number {
  const s0 = r[0];
  const s1 = r[1];
  const s2 = r[2] ^ s0;
  const s3 = r[3] ^ s1;
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
  r[0] = s0 ^ s3;
  r[1] = s1 ^ s2;
  r[2] = s2 ^ (s1 << 9);
  r[3] = rotl(s3, 11);
  return result;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Uniform in [0, 1). */
export function uniform(r: Rng): number {
  return (nextBits(r) >>> 0) / 4294967296;
}

// The helpers below return a boolean or a whole number rather than the double a draw is, and read the
// bits themselves rather than calling uniform(): a double that crosses a call the optimiser did not
// inline is boxed in a fresh heap object, which at several draws per client operation was a quarter of
// everything a run allocated. Each computes exactly what its comment says, with the same rounding.

/** True with probability p: uniform(r) < p. */
export function chance(r: Rng, p: number): boolean {
  return (nextBits(r) >>> 0) / 4294967296 < p;
}

/** uniform(r) × scale < limit. */
export function uniformScaledBelow(r: Rng, scale: number, limit: number): boolean {
  return ((nextBits(r) >>> 0) / 4294967296) * scale < limit;
}

/** An exponential draw with the given mean, rounded: Math.round(−ln(1 − uniform(r)) × mean). */
export function exponentialRounded(r: Rng, mean: number): number {
  return Math.round(-Math.log(1 - (nextBits(r) >>> 0) / 4294967296) * mean);
}

/** Uniform integer in [0, n): Math.floor(uniform(r) × n). */
export function below(r: Rng, n: number): number {
  return Math.floor(((nextBits(r) >>> 0) / 4294967296) * n);
}


// Standard normal quantiles at the midpoints of 4096 equal-probability bins (Acklam's approximation),
// rounded so that last-digit differences between JavaScript engines' Math functions cannot matter.
const QUANTILES = (() => {
  const n = 4096;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = (i + 0.5) / n;
    let x: number;
    if (p < 0.02425) {
      const t = Math.sqrt(-2 * Math.log(p));
      x = (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
    } else if (p > 1 - 0.02425) {
      const t = Math.sqrt(-2 * Math.log(1 - p));
      x = -(((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
    } else {
      const t = p - 0.5;
      const r = t * t;
      x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * t) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    q[i] = Math.round(x * 1e9) / 1e9;
  }
  return q;
})();

const factorCache = new Map<number, Float64Array>();

function factorTable(sigma: number): Float64Array {
  let table = factorCache.get(sigma);
  if (table === undefined) {
    table = QUANTILES.map((z) => Math.round(Math.exp(sigma * z) * 1e9) / 1e9);
    factorCache.set(sigma, table);
  }
  return table;
}

// A run draws with two sigmas at most (network jitter, log storage), millions of times: remembering the
// last two tables saves hashing a float key on every draw.
let sigmaA = NaN;
let tableA: Float64Array = new Float64Array(0);
let sigmaB = NaN;
let tableB: Float64Array = new Float64Array(0);

/** Log-normal factor with median 1, from a per-sigma table built once. */
export function lognormalFactor(r: Rng, sigma: number): number {
  if (sigma === 0) return 1;
  let table: Float64Array;
  if (sigma === sigmaA) table = tableA;
  else if (sigma === sigmaB) table = tableB;
  else {
    sigmaB = sigmaA;
    tableB = tableA;
    sigmaA = sigma;
    table = tableA = factorTable(sigma);
  }
  return table[nextBits(r) >>> 20];
}

export const STREAM = { workload: 0, network: 1, faults: 2, control: 3 } as const;
