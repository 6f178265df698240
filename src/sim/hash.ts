// A running 64-bit digest (two 32-bit FNV-1a lanes with different offsets) of the numbers that describe
// each trace and history event. Cheap enough to update on every event, and identical in Node and browsers
// because it only uses 32-bit integer arithmetic.

export type Digest = [number, number];

export function createDigest(): Digest {
  return [0x811c9dc5, 0x050c5d1f];
}

export function mixNumber(d: Digest, x: number): void {
  // Integers up to 2^53 are split into two 32-bit halves; floats are not fed to the digest.
  const lo = x >>> 0;
  const hi = Math.floor(x / 4294967296) >>> 0;
  d[0] = Math.imul(d[0] ^ lo, 0x01000193) >>> 0;
  d[1] = Math.imul(d[1] ^ lo, 0x01000193) >>> 0;
  d[0] = Math.imul(d[0] ^ hi, 0x01000193) >>> 0;
  d[1] = Math.imul((d[1] ^ hi) + 0x9e37, 0x01000193) >>> 0;
}

export function mixString(d: Digest, s: string): void {
  for (let i = 0; i < s.length; i++) mixNumber(d, s.charCodeAt(i));
  mixNumber(d, s.length);
}

export function digestHex(d: Digest): string {
  return d[0].toString(16).padStart(8, '0') + d[1].toString(16).padStart(8, '0');
}
