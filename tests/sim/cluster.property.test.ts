// model.md §5's guarantees shard by shard, over random fault schedules on clusters of 1–6 shards, and
// Redis Cluster's rule that no shard fails over without the votes of a majority of the primaries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recountLostWriteIds } from '../../src/check/lineage-recount';
import { Outcomes } from '../../src/check/outcomes';
import { simulateRun } from '../../src/sim/run';
import { Cluster } from '../../src/sim/cluster/cluster';
import type { FaultSpec, RunResult, ScheduledFault } from '../../src/sim/types';
import { faultSchedule } from './fault-arbitrary';
import { specFor } from './spec';

const RUNS = 100;

/** A schedule whose node faults each name one of the shards. */
const clusterSchedule = fc.integer({ min: 1, max: 6 }).chain((shards) =>
  fc.tuple(fc.constant(shards), faultSchedule, fc.array(fc.integer({ min: 1, max: shards }), { minLength: 4, maxLength: 4 })).map(([n, faults, picks]): [number, ScheduledFault[]] => [
    n,
    faults.map((f, i) => (n > 1 && 'node' in f.fault ? { atS: f.atS, fault: { ...f.fault, node: `s${picks[i]}.${f.fault.node}` } as FaultSpec } : f)),
  ]),
);

const clusterSpec = (preset: 'memorydb' | 'elasticache' | 'redis-cluster', shards: number, faults: ScheduledFault[], seed: number, spread = true) =>
  specFor(preset, {
    topology: { primary: 'a', replicas: ['b', 'c'], clients: ['a', 'b', 'c'], shards, ...(spread ? { spread: true } : {}) },
    workload: { writesPerSec: 40 * shards, readsPerSec: 20 * shards, keys: 12 * shards },
    faults,
    seed,
    durationS: 25,
  });

const shardsOf = (r: RunResult): RunResult[] => r.shards ?? [r];

function primaryAtEnd(trace: RunResult['trace']): string {
  let node = 'a1';
  for (const e of trace) if (e.type === 'term') node = e.node;
  return node;
}

describe('cluster invariants', () => {
  it('MemoryDB: no shard loses an acknowledged write or has two writers at once', () => {
    fc.assert(
      fc.property(clusterSchedule, fc.integer({ min: 1, max: 1_000_000 }), ([shards, faults], seed) => {
        const r = simulateRun(clusterSpec('memorydb', shards, faults, seed));
        expect(r.lost.length).toBe(0);
        for (const s of shardsOf(r)) {
          expect(recountLostWriteIds(s.historyLog, s.trace)).toEqual([]);
          expect(Outcomes.of(s.historyLog).counts(s.lost, s.endUs).splitBrainMs).toBe(0);
        }
      }),
      { numRuns: RUNS, seed: 20261204 },
    );
  });

  it("cache-style: each shard's lost writes equal the independent recount from its history", () => {
    let withLoss = 0;
    fc.assert(
      fc.property(clusterSchedule, fc.integer({ min: 1, max: 1_000_000 }), ([shards, faults], seed) => {
        const r = simulateRun(clusterSpec('elasticache', shards, faults, seed));
        for (const s of shardsOf(r)) {
          const last = [...s.trace].reverse().find((e) => e.type === 'node-state' && e.node === primaryAtEnd(s.trace));
          if (last && last.type === 'node-state' && last.state !== 'serving') continue;
          const model = s.lost.slice().map((l) => l.id).sort((a, b) => a - b);
          if (model.length > 0) withLoss++;
          expect(model).toEqual(recountLostWriteIds(s.historyLog, s.trace));
        }
      }),
      { numRuns: RUNS, seed: 20261205 },
    );
    expect(withLoss).toBeGreaterThan(RUNS / 10);
  });

  it('Redis Cluster never promotes when most primaries are unreachable, and promotes where a majority remains', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.boolean(),
        fc.constantFrom('a' as const, 'b' as const, 'c' as const),
        fc.integer({ min: 1, max: 1_000_000 }),
        (shards, spread, az, seed) => {
          const faults: ScheduledFault[] = [{ atS: 2, fault: { kind: 'az-outage', az, durationS: 22 } }];
          const c = new Cluster({ ...clusterSpec('redis-cluster', shards, faults, seed, spread), durationS: 30 });
          c.runToEnd();
          const lostPrimary = c.runs.map((r) => r.spec.topology.primary === az);
          const left = lostPrimary.filter((x) => !x).length;
          const promoted = c.runs.map((r) => r.w.trace.some((e) => e.type === 'term' && e.cause === 'promotion'));
          if (left < Math.floor(shards / 2) + 1) expect(promoted.every((p) => !p)).toBe(true);
          else expect(promoted).toEqual(lostPrimary);
        },
      ),
      { numRuns: 30, seed: 20261206 },
    );
  });
});
