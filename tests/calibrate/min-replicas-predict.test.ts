// The model's side of experiment 3 on a stalled link: the stall is placed as long after one of the model
// replica's ACKs as the real stall came after Redis's last one, so the refusal and the loss follow
// max-lag + 1 s − that gap, as Redis's whole-second count gives.
import { describe, expect, it } from 'vitest';
import { predictStall, stallCounterpart } from '../../src/calibrate/experiments/min-replicas';

describe('min-replicas stalled-link prediction', () => {
  it('refuses max-lag + 1 s after the last ACK, and loses what was acknowledged until then', () => {
    for (const maxLagS of [1, 2]) {
      for (const ackToStallMs of [15, 60, 400]) {
        const p = predictStall(stallCounterpart(maxLagS, ackToStallMs, maxLagS + 1.3));
        const expected = maxLagS + 1 - ackToStallMs / 1000;
        expect(p.refusedAfterS, `max-lag ${maxLagS} s, ${ackToStallMs} ms`).toBeGreaterThanOrEqual(expected - 0.001);
        expect(p.refusedAfterS, `max-lag ${maxLagS} s, ${ackToStallMs} ms`).toBeLessThan(expected + 0.01);
        expect(p.lost).toBeGreaterThan(expected * 1000 * 0.95);
        expect(p.lost).toBeLessThan(expected * 1000 * 1.05);
      }
    }
  });
});
