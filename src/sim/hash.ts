// A running 64-bit digest (two 32-bit FNV-1a lanes with different offsets) of the numbers that describe
// each trace and history event. Cheap enough to update on every event, and identical in Node and browsers
// because it only uses 32-bit integer arithmetic.

/**
 * The two lanes, as signed 32-bit words: Math.imul's result is stored as it comes, with no conversion to
 * an unsigned double on every update (digestHex reads them as unsigned).
 */
export type Digest = Int32Array;

export function createDigest(): Digest {
  return Int32Array.of(0x811c9dc5, 0x050c5d1f);
}

const FNV_PRIME = 0x01000193;
const TWO_32 = 4294967296;

export function mixNumber(d: Digest, x: number): void {
  // Integers up to 2^53 are split into two 32-bit halves; floats are not fed to the digest. Nearly every
  // number mixed in (a time in µs, an operation id, a code) is below 2^32, whose high half is 0: that case
  // skips the division.
  const lo = x >>> 0;
  const hi = x >= 0 && x < TWO_32 ? 0 : Math.floor(x / TWO_32) >>> 0;
  const a = Math.imul(d[0] ^ lo, FNV_PRIME);
  const b = Math.imul(d[1] ^ lo, FNV_PRIME);
  d[0] = Math.imul(a ^ hi, FNV_PRIME);
  d[1] = Math.imul((b ^ hi) + 0x9e37, FNV_PRIME);
}

/**
 * mixNumber(d, x), then y, then z: the same digest, with the lanes loaded and stored once. Every history
 * row mixes three numbers, millions of times a run.
 */
export function mix3(d: Digest, x: number, y: number, z: number): void {
  if (!(x >= 0 && x < TWO_32 && y >= 0 && y < TWO_32 && z >= 0 && z < TWO_32)) {
    mixNumber(d, x);
    mixNumber(d, y);
    mixNumber(d, z);
    return;
  }
  // With a high half of 0, one number's step is: a = (a ^ lo) * P, then a = a * P; b = (b ^ lo) * P,
  // then b = (b + 0x9e37) * P.
  let a = d[0];
  let b = d[1];
  a = Math.imul(Math.imul(a ^ (x >>> 0), FNV_PRIME), FNV_PRIME);
  b = Math.imul(Math.imul(b ^ (x >>> 0), FNV_PRIME) + 0x9e37, FNV_PRIME);
  a = Math.imul(Math.imul(a ^ (y >>> 0), FNV_PRIME), FNV_PRIME);
  b = Math.imul(Math.imul(b ^ (y >>> 0), FNV_PRIME) + 0x9e37, FNV_PRIME);
  a = Math.imul(Math.imul(a ^ (z >>> 0), FNV_PRIME), FNV_PRIME);
  b = Math.imul(Math.imul(b ^ (z >>> 0), FNV_PRIME) + 0x9e37, FNV_PRIME);
  d[0] = a;
  d[1] = b;
}

export function mixString(d: Digest, s: string): void {
  for (let i = 0; i < s.length; i++) mixNumber(d, s.charCodeAt(i));
  mixNumber(d, s.length);
}

export function digestHex(d: Digest): string {
  return (d[0] >>> 0).toString(16).padStart(8, '0') + (d[1] >>> 0).toString(16).padStart(8, '0');
}
