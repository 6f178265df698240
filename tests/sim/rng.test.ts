import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { below, chance, createRng, exponentialRounded, uniform, uniformScaledBelow, type Rng } from '../../src/sim/rng';

/** The exponential draw as the engine first wrote it, as a double. */
const exponential = (r: Rng, mean: number) => -Math.log(1 - uniform(r)) * mean;

/** Two generators in the same state: one for the helper, one for the formula it stands for. */
function twins(seed: number, stream: number) {
  return [createRng(seed, stream), createRng(seed, stream)];
}

describe('random draws', () => {
  it('the helpers that avoid doubles compute exactly what uniform() and exponential() would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1e-3, max: 2e5, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (seed, p, scale, n) => {
          const [a, b] = twins(seed, 5);
          for (let i = 0; i < 50; i++) {
            expect(chance(a, p)).toBe(uniform(b) < p);
            expect(uniformScaledBelow(a, scale, p * scale)).toBe(uniform(b) * scale < p * scale);
            expect(below(a, n)).toBe(Math.floor(uniform(b) * n));
            expect(exponentialRounded(a, scale)).toBe(Math.round(exponential(b, scale)));
          }
          // And they leave the generator where the formula does.
          expect([...a]).toEqual([...b]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('uniform draws lie in [0, 1) and reach both halves of the 32-bit range', () => {
    const r = createRng(7, 1);
    let high = 0;
    for (let i = 0; i < 10_000; i++) {
      const u = uniform(r);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      if (u >= 0.5) high++;
    }
    expect(high).toBeGreaterThan(4_500);
    expect(high).toBeLessThan(5_500);
  });
});
