import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDigest, digestHex, mix3, mixNumber, mixString } from '../../src/sim/hash';

/**
 * The digest as first written: unsigned lanes in a plain array, each number split into two halves by
 * division. Trace hashes recorded with it (in shared links, in the README) must stay valid, so the faster
 * versions are checked against it.
 */
function referenceDigest(xs: number[]): string {
  const d = [0x811c9dc5, 0x050c5d1f];
  for (const x of xs) {
    const lo = x >>> 0;
    const hi = Math.floor(x / 4294967296) >>> 0;
    d[0] = Math.imul(d[0] ^ lo, 0x01000193) >>> 0;
    d[1] = Math.imul(d[1] ^ lo, 0x01000193) >>> 0;
    d[0] = Math.imul(d[0] ^ hi, 0x01000193) >>> 0;
    d[1] = Math.imul((d[1] ^ hi) + 0x9e37, 0x01000193) >>> 0;
  }
  return d[0].toString(16).padStart(8, '0') + d[1].toString(16).padStart(8, '0');
}

// Small counts and times, values around 2^31 and 2^32, large integers up to 2^53, and negatives.
const number = fc.oneof(
  fc.integer({ min: 0, max: 1000 }),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 33 - 1, 2 ** 33),
  fc.maxSafeInteger(),
  fc.integer({ min: -(2 ** 40), max: -1 }),
);

describe('trace digest', () => {
  it('mixNumber gives the digest of the original formula', () => {
    fc.assert(
      fc.property(fc.array(number, { maxLength: 40 }), (xs) => {
        const d = createDigest();
        for (const x of xs) mixNumber(d, x);
        expect(digestHex(d)).toBe(referenceDigest(xs));
      }),
      { numRuns: 500 },
    );
  });

  it('mix3 equals three mixNumber calls, below and beyond 32 bits', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(number, number, number), { maxLength: 20 }), (triples) => {
        const fused = createDigest();
        for (const [x, y, z] of triples) mix3(fused, x, y, z);
        expect(digestHex(fused)).toBe(referenceDigest(triples.flat()));
      }),
      { numRuns: 500 },
    );
  });

  it('has a fixed value for a fixed input', () => {
    const d = createDigest();
    mixString(d, 'fault');
    mix3(d, 1, 20_000_000, 4242);
    expect(digestHex(d)).toBe(referenceDigest([102, 97, 117, 108, 116, 5, 1, 20_000_000, 4242]));
    expect(digestHex(createDigest())).toBe('811c9dc5050c5d1f');
  });
});
