// The simulator side alone: the predictions the calibration compares against must follow the model's
// own rules (loss ≈ rate × delay after a crash; everything since the last RDB save).
import { describe, expect, it } from 'vitest';
import { counterpartSpec, runCounterpart } from '../../src/calibrate/sim-counterpart';
import { predictCrashLoss } from '../../src/calibrate/experiments/async-crash';
import { predict as predictRdb } from '../../src/calibrate/experiments/rdb-crash';

describe('simulator counterparts', () => {
  it('builds a one-machine topology with a loopback network', () => {
    const s = counterpartSpec({ preset: 'elasticache', writesPerSec: 10, replicas: 1, faults: [], durationS: 1 });
    expect(s.topology).toEqual({ primary: 'a', replicas: ['b'], clients: ['a'] });
    expect(s.params.network.crossAzRttMs).toBeLessThan(0.1);
    expect(s.params.cache.backup.enabled).toBe(true); // untouched preset fields stay
  });

  it('predicts a crash loss of about rate × delay', () => {
    expect(predictCrashLoss(1000, 100)).toBeGreaterThan(80);
    expect(predictCrashLoss(1000, 100)).toBeLessThan(120);
    expect(predictCrashLoss(1000, 10)).toBeLessThan(20);
  });

  it('predicts the RDB loss as the writes since the save', () => {
    const p = predictRdb(0.5);
    expect(p).toBeGreaterThan(430);
    expect(p).toBeLessThan(570);
  });

  it('loses nothing with appendfsync always when the power goes', () => {
    const s = runCounterpart({
      preset: 'redis-aof-always',
      params: { server: { rebootMs: 100 }, cache: { failover: { mode: 'none' } } },
      writesPerSec: 500,
      replicas: 0,
      faults: [{ atS: 2.5, fault: { kind: 'power-loss', durationS: 0.2 } }],
      durationS: 4,
    });
    expect(s.acked).toBeGreaterThan(1000);
    expect(s.lostAcked).toHaveLength(0);
  });
});
