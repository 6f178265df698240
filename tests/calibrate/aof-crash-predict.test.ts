// The model's side of experiment 5: a machine death `phaseS` after the last fsync loses the writes since
// that fsync started, also when the real server's next fsync was late (phaseS over a second).
import { describe, expect, it } from 'vitest';
import { fsyncWasLate, predict } from '../../src/calibrate/experiments/aof-crash';

describe('AOF everysec machine-death prediction', () => {
  it('loses about phaseS seconds of writes at 1000 writes/s', () => {
    for (const phaseS of [0.3, 0.8]) {
      expect(fsyncWasLate(phaseS)).toBe(false);
      expect(predict('redis-aof-everysec', true, phaseS, 1)).toBeGreaterThan(phaseS * 1000 * 0.85);
      expect(predict('redis-aof-everysec', true, phaseS, 1)).toBeLessThan(phaseS * 1000 * 1.15);
    }
  });

  it('keeps counting from the last fsync when the next one was late, instead of restarting at the model’s next second', () => {
    expect(fsyncWasLate(1.2)).toBe(true);
    const lost = predict('redis-aof-everysec', true, 1.2, 1);
    expect(lost).toBeGreaterThan(1200 * 0.85);
    expect(lost).toBeLessThan(1200 * 1.15);
  });

  it('loses nothing with appendfsync always', () => {
    expect(predict('redis-aof-always', true, 1.2, 1)).toBe(0);
  });
});
