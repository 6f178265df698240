import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/check/summarize';
import { PRESETS } from '../../src/sim/presets';
import type { LostWrite, RunResult } from '../../src/sim/types';
import { LostWrites } from '../../src/sim/lost-writes';
import { HistoryBuilder } from './history-builder';

function run(history: HistoryBuilder, lost: LostWrite[], endUs: number): RunResult {
  const preset = PRESETS.elasticache;
  return {
    spec: {
      presetId: preset.id,
      label: 'ElastiCache (test)',
      params: preset.params,
      topology: { primary: 'a', replicas: ['b'], clients: ['a', 'b'] },
      workload: { writesPerSec: 10, readsPerSec: 10, keys: 2, valueBytes: 16, incrFraction: 0, readFromReplicas: true },
      faults: [],
      durationS: endUs / 1e6,
      seed: 1,
    },
    historyLog: history.log(),
    trace: [],
    lost: LostWrites.of(lost),
    traceHash: '0',
    events: 0,
    endUs,
  };
}

describe('summarize', () => {
  // a1 acknowledges W1..W3; a failover to b1 loses W2 and W3; writes fail for 4 ms, then b1 serves.
  const h = new HistoryBuilder()
    .set(1, 'k', 'v1', 0, 1_000, { seq: 1, term: 1, offset: 10 })
    .set(2, 'k', 'v2', 2_000, 3_000, { seq: 2, term: 1, offset: 20 })
    .incr(3, 'c', 1, 4_000, 6_000, { seq: 3, term: 1, offset: 30 })
    .get(4, 'k', 'v1', 6_500, 7_000, { writeId: 1, writeSeq: 1, node: 'b1', fromReplica: true, lagMs: 4 }, 'b')
    .invoke(5, 8_000, 'SET', 'k', { arg: 'v5' })
    .fail(5, 8_100)
    .invoke(6, 9_000, 'INCR', 'c')
    .info(6, 11_000)
    .set(7, 'k', 'v7', 12_000, 13_500, { seq: 4, term: 2, offset: 20, node: 'b1' })
    .get(8, 'k', 'v7', 14_000, 14_200, { writeId: 7, writeSeq: 4, node: 'b1' });
  const lost: LostWrite[] = [
    { id: 3, key: 'c', ackedAtMs: 6, node: 'a1', reason: 'beyond the promoted offset' },
    { id: 2, key: 'k', ackedAtMs: 3, node: 'a1', reason: 'beyond the promoted offset' },
  ];

  it('assembles every number from the history', () => {
    const s = summarize(run(h, lost, 20_000));
    expect(s.lostAcked.slice()).toEqual([lost[1], lost[0]]);
    expect({ ...s, lostAcked: undefined }).toEqual({
      preset: 'elasticache',
      label: 'ElastiCache (test)',
      family: 'cache',
      writes: 6,
      acked: 4,
      lostAcked: undefined,
      rpoMs: 5,
      rtoMs: 4,
      readRtoMs: 0,
      staleReads: 1,
      staleReadSamples: [{ op: 4, key: 'k', atMs: 6.5, node: 'b1', lagMs: 4 }],
      splitBrainMs: 0,
      unknownWrites: 1,
      refusedWrites: 1,
      writeLatencyMs: { count: 4, p50: 1, p99: 2, max: 2 },
      readLatencyMs: { count: 2, p50: 0.2, p99: 0.5, max: 0.5 },
      linearizability: { status: 'violation', keysChecked: 2, key: 'k', ops: expect.any(Array) },
    });
  });

  it('skips the linearizability search on request', () => {
    expect(summarize(run(h, lost, 20_000), { linearizability: false }).linearizability).toEqual({
      status: 'too-large',
      keysChecked: 0,
      reason: 'not requested',
    });
  });

  it('passes limits through to the search', () => {
    expect(summarize(run(h, lost, 20_000), { linearizability: { maxOpsPerKey: 1 } }).linearizability).toMatchObject({
      status: 'too-large',
    });
  });
});
