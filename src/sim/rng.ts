// Seeded pseudo-random streams (xoshiro128**). State is a plain 4-number array so a checkpoint can copy it.
// Each concern (workload, network, faults, control plane) draws from its own stream, so changing how often
// one of them draws leaves the others' sequences untouched.

export type Rng = [number, number, number, number];

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
  const r: Rng = [next(), next(), next(), next()];
  if ((r[0] | r[1] | r[2] | r[3]) === 0) r[0] = 1;
  return r;
}

export function nextU32(r: Rng): number {
  const result = Math.imul(rotl(Math.imul(r[1], 5), 7), 9) >>> 0;
  const t = r[1] << 9;
  r[2] ^= r[0];
  r[3] ^= r[1];
  r[1] ^= r[2];
  r[0] ^= r[3];
  r[2] ^= t;
  r[3] = rotl(r[3], 11);
  return result;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Uniform in [0, 1). */
export function uniform(r: Rng): number {
  return nextU32(r) / 4294967296;
}

/** Uniform integer in [0, n). */
export function below(r: Rng, n: number): number {
  return Math.floor(uniform(r) * n);
}

/** Exponential with the given mean. */
export function exponential(r: Rng, mean: number): number {
  return -Math.log(1 - uniform(r)) * mean;
}

/** Standard normal (Box–Muller; one value per call keeps the stream position easy to reason about). */
export function normal(r: Rng): number {
  const u = 1 - uniform(r);
  const v = uniform(r);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal factor with median 1. */
export function lognormalFactor(r: Rng, sigma: number): number {
  return sigma === 0 ? 1 : Math.exp(sigma * normal(r));
}

export const STREAM = { workload: 0, network: 1, faults: 2, control: 3 } as const;
