import { describe, expect, it } from 'vitest';
import { LatencySamples } from '../../src/check/fold-latency';
import { countsOf, HistoryBuilder } from './history-builder';

function summaryOf(samplesUs: readonly number[]) {
  const s = new LatencySamples();
  for (const v of samplesUs) s.add(v);
  return s.summary();
}

describe('latency summary', () => {
  it('is all zeros without samples', () => {
    expect(summaryOf([])).toEqual({ count: 0, p50: 0, p99: 0, max: 0 });
  });

  it('uses nearest-rank percentiles, in milliseconds', () => {
    const samples = Array.from({ length: 100 }, (_, i) => (100 - i) * 1000); // 100..1 ms, unsorted on purpose
    expect(summaryOf(samples)).toEqual({ count: 100, p50: 50, p99: 99, max: 100 });
    expect(summaryOf([5000, 1000, 3000])).toEqual({ count: 3, p50: 3, p99: 5, max: 5 });
    expect(summaryOf([250])).toEqual({ count: 1, p50: 0.25, p99: 0.25, max: 0.25 });
  });
});

describe('latency pairing', () => {
  const h = new HistoryBuilder()
    .set(1, 'k', 'v1', 1_000, 2_500)
    .incr(2, 'c', 1, 3_000, 5_000)
    .get(3, 'k', 'v1', 6_000, 6_300)
    .invoke(4, 7_000, 'SET', 'k', { arg: 'v4' })
    .fail(4, 7_100)
    .invoke(5, 8_000, 'SET', 'k', { arg: 'v5' })
    .info(5, 108_000)
    .invoke(6, 9_000, 'GET', 'k')
    .invoke(7, 9_500, 'SET', 'k', { arg: 'v7' }); // no outcome: the run ended

  it('pairs writes (SET and INCR) with their ok by op id, leaving out failures and timeouts', () => {
    expect(countsOf(h, 200_000).writeLatencyMs).toEqual({ count: 2, p50: 1.5, p99: 2, max: 2 });
  });

  it('pairs reads separately', () => {
    expect(countsOf(h, 200_000).readLatencyMs).toEqual({ count: 1, p50: 0.3, p99: 0.3, max: 0.3 });
  });

  it('pairs by id even when replies arrive out of order', () => {
    const ooo = new HistoryBuilder()
      .invoke(1, 0, 'SET', 'k', { arg: 'a' })
      .invoke(2, 100, 'SET', 'k', { arg: 'b' })
      .ok(2, 400)
      .ok(1, 1_000);
    expect(countsOf(ooo, 2_000).writeLatencyMs).toEqual({ count: 2, p50: 0.3, p99: 1, max: 1 });
  });
});
