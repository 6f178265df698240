// Hand-made summaries, so loader, expectation and formatter tests do not need the engine.
import type { RunSummary } from '../../src/sim/types';
import { LostWrites } from '../../src/sim/lost-writes';

export function makeSummary(over: Partial<RunSummary> = {}): RunSummary {
  return {
    preset: 'elasticache',
    label: 'ElastiCache (async)',
    family: 'cache',
    writes: 60_000,
    acked: 59_000,
    lostAcked: LostWrites.none,
    rpoMs: 0,
    rtoMs: 13_000,
    readRtoMs: 12_500,
    staleReads: 0,
    staleReadSamples: [],
    splitBrainMs: 0,
    unknownWrites: 12,
    refusedWrites: 3,
    writeLatencyMs: { count: 59_000, p50: 0.62, p99: 1.5, max: 1000 },
    readLatencyMs: { count: 30_000, p50: 0.41, p99: 1.25, max: 998.5 },
    linearizability: { status: 'linearizable', keysChecked: 1000 },
    ...over,
  };
}

export function lostWrites(n: number, label = 'not replicated before failover'): LostWrites {
  return LostWrites.of(Array.from({ length: n }, (_, i) => ({
    id: 20_000 + i,
    key: `k${i}`,
    ackedAtMs: 19_990.25 + i,
    node: 'a1',
    reason: label,
  })));
}
