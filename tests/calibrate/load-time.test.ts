// Pure helpers of the load-time experiment, and its simulator side: the model's load time must follow
// its own rule (proportional to the dataset; an AOF with an RDB preamble as fast as RDB, a pure command
// log slower or faster by a factor that depends on the value size).
import { describe, expect, it } from 'vitest';
import { median, parseLoadSeconds, simLoadMs } from '../../src/calibrate/experiments/load-time';
import { commandLogLoadFactor } from '../../src/sim/designs/cache-style/lifecycle';

const RDB_LOG = [
  '100:M 25 Nov 2026 22:14:07.984 * Done loading RDB, keys loaded: 20000, keys expired: 0.',
  '100:M 25 Nov 2026 22:14:07.984 * DB loaded from disk: 0.094 seconds',
  '200:M 25 Nov 2026 22:14:09.984 * DB loaded from disk: 0.138 seconds',
].join('\n');

const AOF_LOG = [
  '300:M 25 Nov 2026 22:14:09.210 * DB loaded from base file appendonly.aof.2.base.aof: 0.295 seconds',
  '300:M 25 Nov 2026 22:14:09.210 * DB loaded from append only file: 0.296 seconds',
].join('\n');

describe('load-time helpers', () => {
  it('reads the last load time of the right kind from a Redis log', () => {
    expect(parseLoadSeconds(RDB_LOG, 'rdb')).toBe(0.138);
    expect(parseLoadSeconds(AOF_LOG, 'aof-pure')).toBe(0.296);
    expect(parseLoadSeconds(AOF_LOG, 'aof-preamble')).toBe(0.296);
    expect(parseLoadSeconds(AOF_LOG, 'rdb')).toBeNull();
    expect(parseLoadSeconds('', 'aof-pure')).toBeNull();
  });

  it('takes the median of odd and even samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});

describe('the model of load time', () => {
  it('loads in datasetGB / loadGBps from RDB, as fast from an AOF with a preamble, 4 KB values faster from a command log', () => {
    expect(simLoadMs('rdb', 0.1)).toBeCloseTo(200, 0);
    expect(simLoadMs('rdb', 0.4)).toBeCloseTo(800, 0);
    expect(simLoadMs('aof-preamble', 0.1)).toBeCloseTo(200, 0);
    expect(simLoadMs('aof-pure', 0.1)).toBeCloseTo(200 * commandLogLoadFactor(4000), 0);
    expect(simLoadMs('aof-pure', 0.1)).toBeLessThan(200);
  });

  it('replays a command log slower as values shrink, within the measured points', () => {
    expect(commandLogLoadFactor(100)).toBeCloseTo(2.2, 1);
    expect(commandLogLoadFactor(1000)).toBeGreaterThan(1.1);
    expect(commandLogLoadFactor(1000)).toBeLessThan(1.4);
    expect(commandLogLoadFactor(4000)).toBeCloseTo(0.8, 1);
    expect(commandLogLoadFactor(1)).toBeLessThanOrEqual(4);
    expect(commandLogLoadFactor(1e9)).toBeGreaterThanOrEqual(0.6);
  });
});
