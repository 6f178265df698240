// The paper's figures (P §6.1.2) against the default presets: simulator only, no Redis needed.
import { describe, expect, it } from 'vitest';
import { defaultRun, latencyFigureRows } from '../../src/calibrate/latency-figures';

describe('latency figures of the default presets', () => {
  it('memorydb writes: p50 about 3 ms, p99 at most 6 ms; reads sub-millisecond', () => {
    const m = defaultRun('memorydb');
    expect(m.writeLatencyMs.p50).toBeGreaterThanOrEqual(2);
    expect(m.writeLatencyMs.p50).toBeLessThanOrEqual(4);
    expect(m.writeLatencyMs.p99).toBeLessThanOrEqual(6);
    expect(m.readLatencyMs.p50).toBeLessThan(1);
  });

  it('elasticache writes: p50 sub-millisecond, p99 at most 3 ms; reads sub-millisecond', () => {
    const e = defaultRun('elasticache');
    expect(e.writeLatencyMs.p50).toBeLessThan(1);
    expect(e.writeLatencyMs.p99).toBeLessThanOrEqual(3);
    expect(e.readLatencyMs.p50).toBeLessThan(1);
  });

  it('every report row for the figures passes', () => {
    expect(latencyFigureRows().filter((r) => r.verdict !== 'pass')).toEqual([]);
  });
});
