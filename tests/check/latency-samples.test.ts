// Latency percentiles (histogram plus a sorted list for the rare outliers) against their definition: the
// same samples, sorted, nearest rank. Random adds and rewinds, with samples in the histogram's range, at
// its edges, beyond it and below zero.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LatencySamples } from '../../src/check/fold-latency';
import { roundMs, usToMs } from '../../src/check/units';

/** Nearest rank over the sorted samples, in milliseconds: the definition the histogram must meet. */
function nearestRank(samplesMs: readonly number[]) {
  if (samplesMs.length === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
  return { count: sorted.length, p50: roundMs(at(50)), p99: roundMs(at(99)), max: roundMs(sorted[sorted.length - 1]) };
}

const sample = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 5_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 255, 256, 131_071, 131_072, 131_073) },
  { weight: 2, arbitrary: fc.integer({ min: 131_072, max: 40_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -50, max: -1 }) },
);

const step = fc.oneof(
  { weight: 4, arbitrary: fc.array(sample, { maxLength: 60 }).map((xs) => ({ add: xs })) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((f) => ({ keep: f })) },
);

describe('latency samples', () => {
  it('give the same p50, p99 and max as sorting every sample, after adds and rewinds', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const live = new LatencySamples();
        const reference: number[] = [];
        for (const s of steps) {
          if ('add' in s) {
            for (const v of s.add) {
              live.add(v);
              reference.push(v);
            }
          } else {
            const n = Math.floor(s.keep * reference.length);
            live.truncate(n);
            reference.length = n;
          }
          expect(live.count).toBe(reference.length);
          expect(live.summary()).toEqual(nearestRank(reference.map(usToMs)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is empty, then reports a single sample as every percentile', () => {
    const live = new LatencySamples();
    expect(live.summary()).toEqual({ count: 0, p50: 0, p99: 0, max: 0 });
    live.add(1234);
    expect(live.summary()).toEqual({ count: 1, p50: 1.234, p99: 1.234, max: 1.234 });
  });
});
