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

/**
 * Any value a trace event holds: numbers (a fraction as its own integer part, rounded to 1e-9, so the
 * same float gives the same words everywhere), strings, booleans, null and undefined, arrays, and plain
 * objects field by field, each field's name mixed before its value, in name order: the same fault built
 * as {kind, node} by the page and as {node, kind} from a link must hash alike.
 */
export function mixValue(d: Digest, v: unknown): void {
  switch (typeof v) {
    case 'number':
      if (Number.isInteger(v)) mixNumber(d, v);
      else if (Number.isFinite(v)) {
        const whole = Math.floor(v);
        mixNumber(d, whole);
        mixNumber(d, 0x40000000 + Math.round((v - whole) * 1e9));
      } else mixNumber(d, Number.isNaN(v) ? 0x7ff80000 : v > 0 ? 0x7ff00000 : 0xfff00000);
      return;
    case 'string':
      mixString(d, v);
      return;
    case 'boolean':
      mixNumber(d, v ? 0x5401 : 0x5400);
      return;
    case 'undefined':
      mixNumber(d, 0x5402);
      return;
    case 'object':
      if (v === null) mixNumber(d, 0x5403);
      else if (Array.isArray(v)) {
        for (const x of v) mixValue(d, x);
        mixNumber(d, 0x5404 + v.length);
      } else {
        for (const key of Object.keys(v).sort()) {
          mixString(d, key);
          mixValue(d, (v as Record<string, unknown>)[key]);
        }
        mixNumber(d, 0x5405);
      }
      return;
    default:
      mixString(d, String(v));
  }
}

export function digestHex(d: Digest): string {
  return (d[0] >>> 0).toString(16).padStart(8, '0') + (d[1] >>> 0).toString(16).padStart(8, '0');
}
