// The worker's per-pane logic, without a worker: playback, scrubbing back, and forking on a late fault.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { PaneRunner } from '../../src/ui/worker/pane-runner';
import { simulateRun } from '../../src/sim/run';
import { summarize } from '../../src/check/summarize';

const file = 'scenarios/primary-crash.yaml';
const specs = resolveRuns(parseScenario(readFileSync(file, 'utf8'), file)).map((s) => ({ ...s, durationS: 30 }));
const BUCKET = 250_000;

describe('PaneRunner', () => {
  it('fails over after a crash injected by hand, in both families, and the cache loses writes', () => {
    for (const spec of specs) {
      const r = new PaneRunner(spec, 0, BUCKET);
      r.moveTo(5e6);
      expect(r.view().primary).toBe('a1');
      r.inject(5e6, { kind: 'crash', node: 'primary' });
      r.moveTo(19e6);
      expect(r.view().primary).not.toBe('a1');
      expect(r.markers().some((m) => m.kind === 'failover')).toBe(true);
      const s = r.summary();
      if (spec.params.family === 'durable') expect(s.lostCount).toBe(0);
      else expect(s.lostCount).toBeGreaterThan(0);
      expect(r.markers().some((m) => m.kind === 'lost')).toBe(spec.params.family === 'cache');
    }
  });

  it('shows the earlier state after scrubbing back, and counts nothing twice on replay', () => {
    const r = new PaneRunner(specs[0], 0, BUCKET);
    r.moveTo(10e6);
    const acked = r.series().acked.reduce((a, b) => a + b, 0);
    const log = r.observer.log.length;
    r.moveTo(3e6);
    expect(r.now).toBe(3e6);
    expect(r.view().tUs).toBe(3e6);
    r.moveTo(10e6);
    expect(r.series().acked.reduce((a, b) => a + b, 0)).toBe(acked);
    expect(r.observer.log.length).toBe(log);
    expect(r.series().lagMs.slice(0, 39).every(Number.isFinite)).toBe(true);
  });

  it('forgets the old future when a fault is injected in the past', () => {
    const r = new PaneRunner(specs[0], 0, BUCKET);
    r.moveTo(25e6);
    expect(r.observer.markers.some((m) => m.kind === 'fault' && m.tUs === 20e6)).toBe(true);
    r.inject(2e6, { kind: 'crash', node: 'a1' });
    expect(r.observer.markers.every((m) => m.tUs <= 2e6)).toBe(true);
    expect(r.series().acked.slice(9).every((n) => n === 0)).toBe(true);
    r.moveTo(25e6);
    expect(r.observer.markers.filter((m) => m.kind === 'fault').map((m) => m.tUs)).toEqual([2e6, 20e6]);
  });

  it('charts count exactly the acknowledged writes of the history, also after a fault injected in the past', () => {
    for (const spec of specs) {
      const r = new PaneRunner(spec, 0, BUCKET);
      r.moveTo(12e6);
      r.inject(4e6, { kind: 'crash', node: 'primary' });
      r.moveTo(25e6);
      // Recounted from the history's rows as objects: an ok row whose operation was invoked as a write.
      const writes = new Set(r.tm.sim.w.historyLog.events().filter((e) => e.type === 'invoke' && e.cmd !== 'GET').map((e) => e.op));
      const okWrites = r.tm.sim.w.historyLog.events().filter((e) => e.type === 'ok' && writes.has(e.op)).length;
      expect(okWrites).toBeGreaterThan(0);
      expect(r.series().acked.reduce((a, b) => a + b, 0)).toBe(okWrites);
    }
  });

  it('after seeking back and forth, the view, summary and charts equal those of a straight run', () => {
    for (const spec of specs) {
      const straight = new PaneRunner(spec, 0, BUCKET);
      straight.moveTo(20e6);
      const view = straight.view();
      const summary = straight.summary();
      straight.moveTo(25e6);
      const series = straight.series();

      const r = new PaneRunner(spec, 0, BUCKET);
      r.moveTo(25e6);
      r.moveTo(3e6);
      r.moveTo(22e6);
      r.moveTo(11e6);
      r.moveTo(20e6);
      expect(r.view()).toEqual(view);
      expect(r.summary()).toEqual(summary);
      r.moveTo(25e6);
      expect(r.series()).toEqual(series);
      expect(r.markers()).toEqual(straight.markers());
    }
  });
});

// A cluster file in the app: one run per shard on one clock, the table's figures the cluster's as
// `npm run sim` gives them, and the same state at an instant however it was reached.
describe('PaneRunner over a cluster', () => {
  const clusterFile = 'scenarios/cluster-az-outage.yaml';
  const clusterSpecs = resolveRuns(parseScenario(readFileSync(clusterFile, 'utf8'), clusterFile)).map((s) => ({ ...s, durationS: 40 }));

  it('runs every shard, and its summary at the end is the cluster summary of the command line', () => {
    for (const spec of clusterSpecs) {
      const r = PaneRunner.for(spec, 0, BUCKET);
      expect(r.shards).toBe(6);
      r.moveTo(spec.durationS * 1e6);
      const live = r.summary();
      const { lostAcked, staleReadSamples, linearizability, ...cli } = summarize(simulateRun(spec), { linearizability: false });
      expect(cli.shards).toHaveLength(6);
      expect(staleReadSamples).toBeDefined();
      expect(linearizability.status).toBe('too-large');
      const { lostCount, lostFirst, ...rest } = live;
      expect(rest).toEqual(cli);
      expect(lostCount).toBe(lostAcked.length);
      expect(lostFirst).toEqual(lostAcked.slice(0, lostFirst.length));
      // The overview: one row per shard, with each shard's lost writes.
      const overview = r.clusterView()!;
      expect(overview.shards.map((s) => s.name)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6']);
      expect(overview.shards.reduce((a, s) => a + s.lost, 0)).toBe(lostAcked.length);
      expect(overview.shards.map((s) => s.lost)).toEqual(cli.shards!.map((s) => s.lostAcked));
      expect(overview.totalSlots).toBe(16_384);
    }
  });

  it('after seeking back and forth, the views, overview, summary and charts equal those of a straight run', () => {
    for (const spec of clusterSpecs) {
      const straight = PaneRunner.for(spec, 0, BUCKET);
      straight.moveTo(36e6);
      const views = [0, 1, 2, 3, 4, 5].map((i) => straight.view(i));
      const overview = straight.clusterView();
      const summary = straight.summary();
      const series = straight.series();

      const r = PaneRunner.for(spec, 0, BUCKET);
      r.moveTo(38e6);
      r.moveTo(3e6);
      r.moveTo(25e6);
      r.moveTo(11e6);
      r.moveTo(36e6);
      expect([0, 1, 2, 3, 4, 5].map((i) => r.view(i))).toEqual(views);
      expect(r.clusterView()).toEqual(overview);
      expect(r.summary()).toEqual(summary);
      r.moveTo(38e6);
      straight.moveTo(38e6);
      expect(r.series()).toEqual(straight.series());
      expect(series.acked.length).toBe(r.series().acked.length);
      expect(r.markers()).toEqual(straight.markers());
      // Each marker and log line names its shard, in time order.
      expect(r.observer.log.every((l) => /^s\d+: /.test(l.text))).toBe(true);
      expect(r.observer.log.map((l) => l.tUs)).toEqual([...r.observer.log.map((l) => l.tUs)].sort((a, b) => a - b));
    }
  });

  it('a crash injected by hand on s2.primary reaches shard 2 only, and the overview counts its failover', () => {
    const r = PaneRunner.for(clusterSpecs[1], 0, BUCKET);
    r.moveTo(10e6);
    r.inject(5e6, { kind: 'crash', node: 's2.primary' });
    r.moveTo(15e6);
    const overview = r.clusterView()!;
    expect(overview.shards[1].failovers).toBe(1);
    expect(overview.shards.filter((s, i) => i !== 1).every((s) => s.failovers === 0)).toBe(true);
    expect(r.observer.log.some((l) => l.text.startsWith('s2: '))).toBe(true);
  });

  it("samples the share of the keyspace writable at each interval's end, equal to the overview at that instant", () => {
    const majority = 'scenarios/cluster-majority-lost.yaml';
    const [rc, mdb] = resolveRuns(parseScenario(readFileSync(majority, 'utf8'), majority)).map((s) => ({ ...s, durationS: 40 }));
    const B = 1_000_000;
    const writableAt = (spec: typeof rc, s: number) => {
      const r = PaneRunner.for(spec, 0, B);
      r.moveTo(s * 1e6);
      const c = r.clusterView()!;
      return { pct: r.series().writablePct[s - 1], overview: (100 * c.writableSlots) / c.totalSlots };
    };
    // Redis Cluster with every primary in the dark AZ: nothing writable from the outage (20 s) on.
    for (const s of [10, 19, 21, 30, 40]) {
      const { pct, overview } = writableAt(rc, s);
      expect(pct).toBe(overview);
      expect(pct).toBe(s < 20 ? 100 : 0);
    }
    // MemoryDB: nothing for the seconds of its elections, then all of it again.
    expect(writableAt(mdb, 21).pct).toBe(0);
    expect(writableAt(mdb, 30).pct).toBe(100);
    // One shard samples nothing: its charts have no such line.
    const single = PaneRunner.for(specs[0], 0, B);
    single.moveTo(5e6);
    expect(single.series().writablePct.every((v) => Number.isNaN(v))).toBe(true);
  });
});
