import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/sim/run';
import { TimeMachine, clusterTimeMachine } from '../../src/sim/timemachine';
import { Cluster } from '../../src/sim/cluster/cluster';
import { specFor } from './spec';

describe('time machine', () => {
  for (const preset of ['elasticache', 'memorydb'] as const) {
    const spec = specFor(preset, {
      faults: [
        { atS: 6, fault: { kind: 'link-delay', node: 'b1', delayMs: 50 } },
        { atS: 10, fault: { kind: 'crash', node: 'primary' } },
      ],
      workload: { readFromReplicas: true },
    });

    it(`${preset}: seeking back and forth ends in exactly the straight run`, () => {
      const straight = simulateRun(spec);
      const tm = new TimeMachine(spec, [], 2_000_000);
      tm.advance(20e6);
      tm.seek(3e6);
      expect(tm.now).toBe(3e6);
      tm.seek(17.5e6);
      tm.seek(9e6);
      tm.advance(spec.durationS * 1e6);
      expect(tm.sim.traceHash()).toBe(straight.traceHash);
      expect(tm.sim.w.historyLog.events()).toEqual(straight.historyLog.events());
    });

    it(`${preset}: the state after seeking to t equals a run stopped at t`, () => {
      const tm = new TimeMachine(spec, [], 2_000_000);
      tm.advance(25e6);
      tm.seek(12.345e6);
      const fresh = new TimeMachine(spec, [], 2_000_000);
      fresh.advance(12.345e6);
      expect(tm.sim.w.historyLog.length).toBe(fresh.sim.w.historyLog.length);
      // Every field of every node's record, whichever design made it.
      expect(tm.sim.w.nodes).toEqual(fresh.sim.w.nodes);
      expect(tm.sim.traceHash()).toBe(fresh.sim.traceHash());
    });

    it(`${preset}: after seeking back, forking and seeking back and forth again, the history is exactly the forked run's`, () => {
      const tm = new TimeMachine(spec, [], 2_000_000);
      tm.advance(25e6);
      tm.seek(5e6);
      tm.inject(8e6, { kind: 'crash', node: 'b1' });
      tm.advance(12e6);
      tm.seek(3e6);
      tm.seek(21e6);
      tm.seek(7e6);
      tm.advance(spec.durationS * 1e6);
      const replay = new TimeMachine(spec, [...tm.faults], 2_000_000);
      replay.advance(spec.durationS * 1e6);
      expect(tm.sim.traceHash()).toBe(replay.sim.traceHash());
      expect(tm.sim.w.historyLog.events()).toEqual(replay.sim.w.historyLog.events());
      expect(tm.sim.w.acks.rows()).toEqual(replay.sim.w.acks.rows());
    });

    it(`${preset}: injecting a fault in the past forks the future, and replaying the injected list reproduces it`, () => {
      const tm = new TimeMachine(spec, [], 2_000_000);
      tm.advance(25e6);
      const before = tm.sim.traceHash();
      tm.inject(15e6, { kind: 'az-outage', az: 'c', durationS: 5 });
      expect(tm.now).toBe(15e6);
      tm.advance(25e6);
      expect(tm.sim.traceHash()).not.toBe(before);
      const replay = new TimeMachine(spec, [...tm.faults], 2_000_000);
      replay.advance(25e6);
      expect(replay.sim.traceHash()).toBe(tm.sim.traceHash());
      expect(tm.sim.w.trace.some((e) => e.type === 'fault' && e.fault.kind === 'az-outage' && e.t === 15e6)).toBe(true);
    });
  }
});

describe('time machine checkpoints within a budget', () => {
  // An AZ outage holds a second of requests in flight at every checkpoint taken during it: the costliest
  // stretch for checkpoints. A small budget forces them to thin out several times.
  for (const preset of ['elasticache', 'memorydb'] as const) {
    it(`${preset}: thin out past their budget, and seeks still give exactly the straight run`, () => {
      const spec = specFor(preset, {
        faults: [{ atS: 4, fault: { kind: 'az-outage', az: 'a', durationS: 20 } }],
        workload: { writesPerSec: 2000, readsPerSec: 1000 },
      });
      const budget = 2 * 2 ** 20;
      const tm = new TimeMachine(spec, [], 500_000, budget);
      tm.advance(30e6);
      const interval = tm.intervalUs;
      expect(interval).toBeGreaterThan(500_000);
      // Within the budget, unless only the first and the latest are left.
      expect(tm.checkpointBytes <= budget || tm.checkpointCount === 2).toBe(true);
      expect(tm.checkpointCount).toBeGreaterThanOrEqual(2);
      const straight = simulateRun(spec);
      for (const t of [25e6, 9e6, 3e6, 17.3e6, 30e6]) tm.seek(t);
      expect(tm.sim.traceHash()).toBe(straight.traceHash);
      // The same spec with the whole budget keeps many more checkpoints.
      const roomy = new TimeMachine(spec, [], 500_000);
      roomy.advance(30e6);
      expect(roomy.checkpointCount).toBeGreaterThan(tm.checkpointCount);
      expect(roomy.intervalUs).toBe(500_000);
    });
  }
});

// A cluster's time machine: its checkpoints are its shards' at one instant. Redis Cluster steps the shards
// in one order of time (their votes couple them); MemoryDB runs each shard by itself.
describe('time machine over a cluster', () => {
  for (const preset of ['redis-cluster', 'memorydb'] as const) {
    const spec = specFor(preset, {
      topology: { shards: 4, primary: 'a', spread: true, replicas: ['b', 'c'], clients: ['a', 'b', 'c'] },
      workload: { keys: 200, writesPerSec: 600, readsPerSec: 200 },
      faults: [{ atS: 8, fault: { kind: 'az-outage', az: 'a', durationS: 12 } }],
    });

    it(`${preset}: seeking back and forth, and stepping, end in exactly the straight run`, () => {
      const straight = simulateRun(spec);
      const tm = clusterTimeMachine(spec, [], 2_000_000);
      tm.advance(20e6);
      tm.seek(3e6);
      expect(tm.now).toBe(3e6);
      tm.seek(17.5e6);
      tm.seek(9e6);
      // Stepping: small moves forward, one at a time.
      for (let t = 9e6; t < 12e6; t += 250_000) tm.advance(t);
      tm.advance(spec.durationS * 1e6);
      expect(tm.sim.traceHash()).toBe(straight.traceHash);
      tm.sim.runs.forEach((r, i) => expect(r.w.historyLog.events()).toEqual(straight.shards![i].historyLog.events()));
    });

    it(`${preset}: the state after seeking to t equals a run stopped at t, shard by shard`, () => {
      const tm = clusterTimeMachine(spec, [], 2_000_000);
      tm.advance(25e6);
      tm.seek(12.345e6);
      const fresh = new Cluster(spec);
      fresh.runUntil(12.345e6);
      expect(tm.now).toBe(fresh.now);
      tm.sim.runs.forEach((r, i) => {
        expect(r.w.historyLog.length).toBe(fresh.runs[i].w.historyLog.length);
        expect(r.w.nodes).toEqual(fresh.runs[i].w.nodes);
      });
      expect(tm.sim.traceHash()).toBe(fresh.traceHash());
    });

    it(`${preset}: a fault injected by hand on one shard's node, in the past, forks that future; replaying the list reproduces it`, () => {
      const tm = clusterTimeMachine(spec, [], 2_000_000);
      tm.advance(25e6);
      tm.seek(5e6);
      tm.inject(6e6, { kind: 'crash', node: 's2.primary' });
      tm.advance(14e6);
      tm.seek(3e6);
      tm.seek(21e6);
      tm.seek(7e6);
      tm.advance(spec.durationS * 1e6);
      const replay = clusterTimeMachine(spec, [...tm.faults], 2_000_000);
      replay.advance(spec.durationS * 1e6);
      expect(tm.sim.traceHash()).toBe(replay.sim.traceHash());
      tm.sim.runs.forEach((r, i) => expect(r.w.historyLog.events()).toEqual(replay.sim.runs[i].w.historyLog.events()));
      // Only shard 2 saw the crash: the others' runs are those without it.
      const without = simulateRun(spec);
      expect(tm.sim.runs[0].traceHash()).toBe(without.shards![0].traceHash);
      expect(tm.sim.runs[1].traceHash()).not.toBe(without.shards![1].traceHash);
    });
  }
});
