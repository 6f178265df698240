import { describe, expect, it } from 'vitest';
import { countsOf, folded, HistoryBuilder } from './history-builder';

describe('write RTO', () => {
  // AZ a: fail at 1 ms, timeout at 2 ms, success invoked at 5 ms -> 4 ms.
  // AZ b: timeout invoked at 3 ms, recovered by a write invoked at 10 ms -> 7 ms.
  const h = new HistoryBuilder()
    .set(1, 'k', 'v1', 0, 300, {}, 'a')
    .invoke(2, 1_000, 'SET', 'k', { arg: 'v2', client: 'a' })
    .fail(2, 1_200)
    .invoke(3, 2_000, 'SET', 'k', { arg: 'v3', client: 'a' })
    .info(3, 102_000)
    .set(4, 'k', 'v4', 5_000, 5_600, {}, 'a')
    .set(5, 'k', 'v5', 2_500, 2_800, {}, 'b')
    .invoke(6, 3_000, 'INCR', 'c', { client: 'b' })
    .info(6, 103_000)
    .invoke(7, 4_000, 'SET', 'k', { arg: 'v7', client: 'b' })
    .fail(7, 4_100)
    .set(8, 'k', 'v8', 10_000, 10_400, {}, 'b')
    .invoke(9, 12_000, 'SET', 'k', { arg: 'v9', client: 'b' }); // pending at the end: ignored

  it('finds one window per outage and AZ, from invocation to invocation', () => {
    expect(folded(h).unavailabilityWindows('write', 20_000)).toEqual([
      { az: 'a', startMs: 1, endMs: 5, recovered: true },
      { az: 'b', startMs: 3, endMs: 10, recovered: true },
    ]);
  });

  it('takes the longest window over all AZs', () => {
    expect(countsOf(h, 20_000).rtoMs).toBe(7);
  });

  it('ends an unrecovered outage at the end of the run', () => {
    const g = new HistoryBuilder()
      .set(1, 'k', 'v1', 0, 500, {}, 'c')
      .invoke(2, 20_000, 'SET', 'k', { arg: 'v2', client: 'c' })
      .fail(2, 20_100)
      .invoke(3, 25_000, 'SET', 'k', { arg: 'v3', client: 'c' })
      .info(3, 30_000);
    expect(folded(g).unavailabilityWindows('write', 50_000)).toEqual([{ az: 'c', startMs: 20, endMs: 50, recovered: false }]);
    expect(countsOf(g, 50_000).rtoMs).toBe(30);
  });

  it('opens no window when a success was invoked at the same instant as the failure', () => {
    const g = new HistoryBuilder()
      .invoke(1, 1_000, 'SET', 'k', { arg: 'a' })
      .fail(1, 1_100)
      .set(2, 'k', 'b', 1_000, 1_300);
    expect(folded(g).unavailabilityWindows('write', 5_000)).toEqual([]);
  });

  it('is zero when every write succeeded', () => {
    const g = new HistoryBuilder().set(1, 'k', 'a', 0, 100).set(2, 'k', 'b', 200, 300);
    expect(countsOf(g, 1_000).rtoMs).toBe(0);
  });

  it('judges by invocation order, not by when replies arrived', () => {
    // A slow write invoked before the failure does not end the outage even though its ok arrives later.
    const g = new HistoryBuilder()
      .invoke(1, 0, 'SET', 'k', { arg: 'a' })
      .invoke(2, 1_000, 'SET', 'k', { arg: 'b' })
      .fail(2, 1_100)
      .ok(1, 3_000)
      .set(3, 'k', 'c', 7_000, 7_100);
    expect(countsOf(g, 10_000).rtoMs).toBe(6);
  });
});

describe('read RTO', () => {
  const h = new HistoryBuilder()
    .invoke(1, 1_000, 'SET', 'k', { arg: 'v' })
    .fail(1, 1_100)
    .get(2, 'k', null, 0, 200, {}, 'a')
    .invoke(3, 2_000, 'GET', 'k', { client: 'a' })
    .info(3, 3_000)
    .get(4, 'k', null, 4_500, 4_600, {}, 'a');

  it('counts reads separately from writes', () => {
    expect(countsOf(h, 10_000).readRtoMs).toBe(2.5);
    expect(countsOf(h, 10_000).rtoMs).toBe(9);
    expect(folded(h).unavailabilityWindows('read', 10_000)).toEqual([{ az: 'a', startMs: 2, endMs: 4.5, recovered: true }]);
  });
});
