// Capacity (model.md §3, §6): a node executes one command at a time on its CPU, a log primary also pays
// for each write's append, and the log batches appends (group commit). Closed-loop clients then plateau at
// the ceiling with latency growing with the queue; open-loop ones past it build a queue that grows.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { ROW } from '../../src/sim/history';
import { PRESETS } from '../../src/sim/presets';
import { viewOf } from '../../src/sim/view';
import { parseScenario } from '../../src/lesson/file';
import type { PresetId, RunSpec, Workload } from '../../src/sim/types';
import { specFor } from './spec';

function closed(preset: PresetId, connections: number, writeFraction: number, over: Partial<RunSpec> = {}, pipeline = 1): RunSpec {
  const workload: Partial<Workload> = { writesPerSec: 0, readsPerSec: 0, closedLoop: { connections, pipeline, backoffMs: 100 }, writeFraction, keys: 10_000, incrFraction: 0 };
  return specFor(preset, { durationS: 2, workload, ...over });
}

function run(spec: RunSpec): Simulation {
  const sim = new Simulation(spec);
  sim.runToEnd();
  return sim;
}

/** Mean latency of every request settled from fromS on, ms. */
function meanLatencyMs(sim: Simulation, fromS: number): number {
  const h = sim.w.historyLog;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < h.length; i++) {
    if (h.kind[i] === ROW.invoke || h.t[i] < fromS * 1e6) continue;
    sum += h.t[i] - h.t[h.invokeRowOf(h.op[i])];
    n++;
  }
  return sum / n / 1000;
}

/** OK replies per second of the given kind over [fromS, toS), and their median latency, ms. */
function served(sim: Simulation, kind: 'write' | 'read', fromS = 0.5, toS = sim.spec.durationS) {
  const h = sim.w.historyLog;
  const lat: number[] = [];
  for (let i = 0; i < h.length; i++) {
    if (h.kind[i] !== ROW.ok || h.t[i] < fromS * 1e6 || h.t[i] >= toS * 1e6) continue;
    const op = h.op[i];
    if ((h.cmdOf(op) === 2) !== (kind === 'read')) continue;
    lat.push(h.t[i] - h.t[h.invokeRowOf(op)]);
  }
  lat.sort((a, b) => a - b);
  return { perSec: lat.length / (toS - fromS), p50Ms: (lat[lat.length >> 1] ?? NaN) / 1000 };
}

describe('per-shard ceilings', () => {
  it("a log primary's write ceiling is 0.55–0.70 × the cache-style primary's, as the parameters say", () => {
    // Enough outstanding requests to keep both CPUs busy through MemoryDB's 3 ms commits.
    const cache = served(run(closed('elasticache', 200, 1, {}, 8)), 'write').perSec;
    const log = served(run(closed('memorydb', 200, 1, {}, 8)), 'write').perSec;
    const p = PRESETS.memorydb.params;
    expect(cache).toBeGreaterThan(0.97 * (1e6 / p.server.commandUs));
    expect(cache).toBeLessThanOrEqual(1e6 / p.server.commandUs + 1000);
    expect(log).toBeGreaterThan(0.97 * (1e6 / (p.server.commandUs + p.durable.appendCpuUs)));
    expect(log / cache).toBeGreaterThan(0.55);
    expect(log / cache).toBeLessThan(0.7);
  });

  it('its reads are not slower', () => {
    const cache = served(run(closed('elasticache', 200, 0)), 'read').perSec;
    const log = served(run(closed('memorydb', 200, 0)), 'read').perSec;
    expect(log).toBeGreaterThanOrEqual(0.98 * cache);
  });

  it('WAIT is a command too: a write followed by WAIT halves the ceiling', () => {
    const plain = served(run(closed('elasticache', 200, 1, {}, 8)), 'write').perSec;
    const wait = served(run(closed('redis-wait', 200, 1, {}, 8)), 'write').perSec;
    expect(wait / plain).toBeGreaterThan(0.45);
    expect(wait / plain).toBeLessThan(0.55);
  });
});

describe('closed-loop clients', () => {
  it('plateau at the ceiling once the connections keep the CPU busy, and latency grows with the queue', () => {
    const at = (c: number) => {
      const sim = run(closed('elasticache', c, 1, { durationS: 1.5 }));
      return { ...served(sim, 'write'), meanMs: meanLatencyMs(sim, 0.5) };
    };
    const [few, c800, c3200] = [at(4), at(800), at(3200)];
    // Four connections wait on round trips, not the CPU.
    expect(few.perSec).toBeLessThan(0.05 * c800.perSec);
    expect(c3200.perSec / c800.perSec).toBeGreaterThan(0.98);
    expect(c3200.perSec / c800.perSec).toBeLessThan(1.02);
    // Little's law at the plateau: each request waits behind the others outstanding, so the mean latency
    // is connections / throughput, and four times the connections wait about four times as long.
    for (const [c, r] of [[800, c800], [3200, c3200]] as const) expect(r.meanMs / ((c / r.perSec) * 1000)).toBeCloseTo(1, 1);
    expect(c3200.meanMs / c800.meanMs).toBeGreaterThan(3.5);
  });

  it('pipelining counts like more connections', () => {
    const conns = served(run(closed('elasticache', 400, 0.5)), 'write');
    const piped = served(run(closed('elasticache', 100, 0.5, {}, 4)), 'write');
    expect(piped.perSec / conns.perSec).toBeGreaterThan(0.97);
    expect(piped.p50Ms / conns.p50Ms).toBeGreaterThan(0.8);
    expect(piped.p50Ms / conns.p50Ms).toBeLessThan(1.25);
  });

  it('back off after errors instead of spinning, and end with their AZ', () => {
    const spec = closed('elasticache', 300, 1, {
      durationS: 4,
      faults: [
        { atS: 1, fault: { kind: 'crash', node: 'primary' } },
        { atS: 2, fault: { kind: 'az-outage', az: 'b', durationS: 1 } },
      ],
    });
    spec.params = { ...spec.params, cache: { ...spec.params.cache, failover: { ...spec.params.cache.failover, detectionMs: 60_000 } } };
    const sim = new Simulation(spec);
    sim.runUntil(1_500_000);
    const h = sim.w.historyLog;
    let invokes = 0;
    for (let i = 0; i < h.length; i++) if (h.kind[i] === ROW.invoke && h.t[i] >= 1.2e6) invokes++;
    // With the primary down each connection sends at most one request per timeout or backoff.
    expect(invokes).toBeLessThan(300 * (0.3 / 0.1 + 1));
    sim.runToEnd();
    expect(sim.w.azGen[1]).toBe(1);
  });
});

describe('open-loop clients past the ceiling', () => {
  it('build a queue that grows at (offered − ceiling) / ceiling per second, shown on the node', () => {
    const ceiling = 1e6 / PRESETS.elasticache.params.server.commandUs;
    const offered = 1.6 * ceiling;
    const spec = specFor('elasticache', { durationS: 3, workload: { writesPerSec: offered, readsPerSec: 0, keys: 10_000, incrFraction: 0 } });
    const sim = new Simulation(spec);
    sim.runUntil(500_000);
    const q1 = viewOf(sim).nodes[0].queueMs;
    sim.runUntil(1_500_000);
    const q2 = viewOf(sim).nodes[0].queueMs;
    const expected = ((offered - ceiling) / ceiling) * 1000; // ms of queue per second
    expect(q2 - q1).toBeGreaterThan(0.85 * expected);
    expect(q2 - q1).toBeLessThan(1.15 * expected);
    // Replies still leave at the ceiling, never faster.
    expect(served(sim, 'write', 0.5, 1.5).perSec).toBeLessThanOrEqual(ceiling * 1.01);
    // Requests whose client has given up are still executed: every arrival became a write.
    sim.runToEnd();
    const h = sim.w.historyLog;
    let timedOut = 0;
    for (let i = 0; i < h.length; i++) if (h.kind[i] === ROW.info) timedOut++;
    expect(timedOut).toBeGreaterThan(0);
    expect(sim.w.writes.length).toBeGreaterThan(0.99 * offered * 3);
  });

  it('a node below its ceiling shows no queue', () => {
    const sim = new Simulation(specFor('memorydb', { durationS: 2 }));
    sim.runUntil(1_000_000);
    expect(viewOf(sim).nodes.every((n) => n.queueMs < 0.1)).toBe(true);
  });
});

describe('group commit', () => {
  it('batches appends under load, one batch per groupCommitUs at most, and none at a light load', () => {
    const heavy = run(closed('memorydb', 200, 1, { durationS: 1 }));
    const rows = heavy.w.log.rows;
    const sent = new Set<number>();
    let writes = 0;
    for (let i = 0; i < rows.length; i++) if (rows.kind[i] === 0) (writes++, sent.add(rows.sentT[i]));
    const batches = [...sent].sort((a, b) => a - b);
    expect(writes / batches.length).toBeGreaterThan(3);
    const gap = Math.min(...batches.slice(1).map((t, i) => t - batches[i]));
    expect(gap).toBeGreaterThanOrEqual(PRESETS.memorydb.params.durable.groupCommitUs);
    const light = run(specFor('memorydb', { durationS: 5, workload: { writesPerSec: 200, readsPerSec: 0 } }));
    const lr = light.w.log.rows;
    const lightSent = new Set<number>();
    let lightWrites = 0;
    for (let i = 0; i < lr.length; i++) if (lr.kind[i] === 0) (lightWrites++, lightSent.add(lr.sentT[i]));
    expect(lightSent.size).toBeGreaterThan(0.97 * lightWrites);
  });
});

describe('the workload in a file', () => {
  const file = (workload: string) => `title: t\ndurationS: 1\npresets: [elasticache, memorydb]\nworkload:\n${workload}\n`;
  it('takes a closed loop instead of rates', () => {
    const s = parseScenario(file('  closedLoop: { connections: 50, pipeline: 2 }\n  writeFraction: 0.3'), 'x.yaml');
    expect(s.workload).toMatchObject({ writesPerSec: 0, readsPerSec: 0, closedLoop: { connections: 50, pipeline: 2, backoffMs: 100 }, writeFraction: 0.3 });
  });
  it('refuses rates beside a closed loop, and writeFraction without one, naming the field', () => {
    expect(() => parseScenario(file('  closedLoop: { connections: 50 }\n  writesPerSec: 10'), 'x.yaml')).toThrow(/workload\.writesPerSec.*open-loop/s);
    expect(() => parseScenario(file('  writeFraction: 0.5'), 'x.yaml')).toThrow(/workload\.writeFraction.*closedLoop/s);
  });
  it('refuses a closed loop that could send more requests than a run may hold', () => {
    const big = `title: t\ndurationS: 60\npresets: [elasticache, memorydb]\nworkload:\n  closedLoop: { connections: 1000 }\n`;
    expect(() => parseScenario(big, 'x.yaml')).toThrow(/1000 connections × 1 outstanding can send up to/);
  });
});
