// ElastiCache for Valkey's durability modes (model.md §6): sync replies after the log commit and loses
// nothing acknowledged; async replies first, loses at most the writes of one 10 s durability buffer when
// its primary fails, and refuses writes while the oldest write not yet in the log is older than 10 s.
// The log itself is the independent check: a write survives exactly when a committed row names it.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { Simulation } from '../../src/sim/engine';
import { lostWrites } from '../../src/sim/lost';
import { fateCounts } from '../../src/sim/fates';
import { committedAt } from '../../src/sim/designs/log-durable/log';
import { ROW } from '../../src/sim/history';
import { checkLinearizability } from '../../src/check/linearizability';
import { Outcomes } from '../../src/check/outcomes';
import { rpoMs } from '../../src/check/rpo';
import type { RunSpec } from '../../src/sim/types';
import { faultSchedule } from './fault-arbitrary';
import { specFor } from './spec';
import { mergeParams } from '../../src/sim/presets';

function scenarioRuns(name: string): Record<string, RunSpec> {
  const file = `scenarios/${name}.yaml`;
  return Object.fromEntries(resolveRuns(parseScenario(readFileSync(file, 'utf8'), file)).map((r) => [r.presetId, r]));
}

function run(spec: RunSpec): Simulation {
  const sim = new Simulation(spec);
  sim.runToEnd();
  return sim;
}

/** Acknowledged writes that no committed log row names, by operation id: a recount from the log alone. */
function notInCommittedLog(sim: Simulation): number[] {
  const w = sim.w;
  const inLog = new Set<number>();
  const rows = w.log.rows;
  for (let i = 0; i < committedAt(w.log, w.now); i++) if (rows.write[i] >= 0) inLog.add(w.writes.w[rows.write[i]]);
  const out: number[] = [];
  for (let k = 0; k < w.acks.length; k++) {
    const op = w.historyLog.op[w.acks.row[k]];
    if (!inLog.has(op)) out.push(op);
  }
  return out.sort((a, b) => a - b);
}

const lostIds = (sim: Simulation) => lostWrites(sim).slice().map((l) => l.id).sort((a, b) => a - b);

/**
 * The model's lost writes against the recount: every lost one is missing from the committed log, and the
 * others missing from it are the ones still at risk (on their way to the log, or in a live buffer).
 */
function expectLostMatchesLog(sim: Simulation): void {
  const missing = notInCommittedLog(sim);
  const lost = lostIds(sim);
  const set = new Set(missing);
  expect(lost.filter((id) => !set.has(id))).toEqual([]);
  expect(missing.length - lost.length).toBe(fateCounts(sim).atRisk);
}

/** Failed writes with CLUSTERDOWN (error code 3), by the time their failure was recorded, µs. */
function refusedWriteTimes(sim: Simulation): number[] {
  const h = sim.w.historyLog;
  const out: number[] = [];
  for (let r = 0; r < h.length; r++) if (h.kind[r] === ROW.fail && h.a[h.op[r]] === 3 && h.cmdOf(h.op[r]) !== 2) out.push(h.t[r]);
  return out;
}

describe('durable ElastiCache past the log throughput (scenarios/durable-async.yaml)', () => {
  const runs = scenarioRuns('durable-async');
  const asyncSim = run(runs['elasticache-durable-async']);
  const syncSim = run(runs['elasticache-durable-sync']);

  it('async loses the buffer at the crash, at most 10 s of acknowledged writes, and says where each went', () => {
    const lost = lostWrites(asyncSim);
    expect(lost.length).toBeGreaterThan(5_000);
    expectLostMatchesLog(asyncSim);
    const spanMs = (lost.ackedUsAt(lost.length - 1) - lost.ackedUsAt(0)) / 1000;
    expect(spanMs).toBeLessThanOrEqual(10_000 + 50);
    expect(rpoMs(lost, asyncSim.w.historyLog)).toBeLessThanOrEqual(10_000 + 50);
    // Every lost write was acknowledged before the crash at 52 s, and the newest within a second of it.
    expect(lost.ackedUsAt(lost.length - 1)).toBeLessThanOrEqual(52e6);
    expect(lost.at(0).reason).toMatch(/before the log had it; a1 failed at 52\.000 s with it and [\d,]+ other writes in its buffer/);
  });

  it('async refuses writes once its oldest write not yet in the log is 10 s old, and says so', () => {
    const refused = asyncSim.w.trace.find((e) => e.type === 'writes-refused' && e.reason.includes('older than 10 s'));
    expect(refused).toBeDefined();
    // 125 MiB/s offered into 100 MiB/s: the backlog ages by a fifth of a second each second, so 10 s at about 50 s.
    expect(refused!.t / 1e6).toBeGreaterThan(45);
    expect(refused!.t / 1e6).toBeLessThan(52);
    const times = refusedWriteTimes(asyncSim).filter((t) => t < 52e6);
    expect(times.length).toBeGreaterThan(500);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(refused!.t);
  });

  it('sync loses nothing acknowledged and keeps primary reads linearizable; its replies wait for the log', () => {
    expect(lostWrites(syncSim).length).toBe(0);
    expect(notInCommittedLog(syncSim)).toEqual([]);
    expect(checkLinearizability(syncSim.w.historyLog).status).not.toBe('violation');
    const o = Outcomes.of(syncSim.w.historyLog).counts(lostWrites(syncSim), syncSim.w.now);
    const a = Outcomes.of(asyncSim.w.historyLog).counts(lostWrites(asyncSim), asyncSim.w.now);
    // Async answers at memory speed; sync behind the log's queue, so most of its writes time out.
    expect(a.writeLatencyMs.p50).toBeLessThan(1.5);
    expect(o.writeLatencyMs.p50).toBeGreaterThan(100);
    expect(o.unknownWrites).toBeGreaterThan(a.unknownWrites);
  });
});

describe('durable ElastiCache within the log throughput', () => {
  const workload = { writesPerSec: 500, readsPerSec: 250, keys: 200 };

  it('async writes are as fast as cache-style ones, sync ones pay the log commit', () => {
    const p50 = (preset: 'elasticache' | 'elasticache-durable-async' | 'elasticache-durable-sync') => {
      const sim = run(specFor(preset, { workload, durationS: 10 }));
      return Outcomes.of(sim.w.historyLog).counts(lostWrites(sim), sim.w.now).writeLatencyMs.p50;
    };
    const cache = p50('elasticache');
    expect(Math.abs(p50('elasticache-durable-async') - cache)).toBeLessThan(0.2);
    expect(p50('elasticache-durable-sync')).toBeGreaterThan(cache + 1.5);
  });

  it('a primary crash costs async only what was on its way to the log, sync nothing', () => {
    const faults = [{ atS: 10, fault: { kind: 'crash' as const, node: 'primary' } }];
    const a = run(specFor('elasticache-durable-async', { workload, faults, durationS: 30 }));
    const s = run(specFor('elasticache-durable-sync', { workload, faults, durationS: 30 }));
    // An append handed to the log before the crash still commits: the buffer is empty when the log keeps up.
    expect(lostWrites(a).length).toBe(0);
    expect(lostWrites(s).length).toBe(0);
  });

  it('an isolated async primary loses what it acknowledged until its lease ran out; sync loses none', () => {
    const faults = [
      { atS: 10, fault: { kind: 'az-isolate' as const, az: 'a' as const, durationS: 20 } },
    ];
    const a = run(specFor('elasticache-durable-async', { workload, faults, durationS: 40 }));
    const s = run(specFor('elasticache-durable-sync', { workload, faults, durationS: 40 }));
    const lost = lostWrites(a);
    expect(lost.length).toBeGreaterThan(0);
    expectLostMatchesLog(a);
    // Only clients in AZ a reach the isolated primary, and only until its 2 s lease expires.
    expect(lost.ackedUsAt(0)).toBeGreaterThanOrEqual(10e6);
    expect(lost.ackedUsAt(lost.length - 1)).toBeLessThanOrEqual(12.1e6);
    expect(lost.length).toBeLessThan((workload.writesPerSec / 3) * 2.2);
    expect(lostWrites(s).length).toBe(0);
  });
});

describe('durable ElastiCache under random fault schedules', () => {
  const small = { writesPerSec: 120, readsPerSec: 60, keys: 20 };

  it('async: the lost writes are exactly those no committed log row names, and one buffer spans at most 10 s', () => {
    let withLoss = 0;
    fc.assert(
      fc.property(faultSchedule, fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (faults, seed, slowLog) => {
        const spec = specFor('elasticache-durable-async', { faults, seed, durationS: 25, workload: small });
        // Half the runs with a log slower than the writes (about 0.8 of their bytes), so the buffer fills.
        if (slowLog) spec.params = mergeParams(spec.params, { durable: { logMiBps: 0.012 } });
        const sim = run(spec);
        const lost = lostWrites(sim);
        expectLostMatchesLog(sim);
        if (lost.length > 0) withLoss++;
        // Group the lost writes by the buffer their reason names; each group spans at most the limit.
        const byDrop = new Map<string, number[]>();
        for (const l of lost.slice()) {
          const at = /failed at ([\d.]+) s|leader in the log at ([\d.]+) s/.exec(l.reason);
          const key = at ? (at[1] ?? at[2]) : '?';
          byDrop.set(key, [...(byDrop.get(key) ?? []), l.ackedAtMs]);
        }
        for (const times of byDrop.values()) expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(10_050);
        expect(Outcomes.of(sim.w.historyLog).counts(lost, sim.w.now).splitBrainMs).toBe(0);
      }),
      { numRuns: 60, seed: 20261203 },
    );
    expect(withLoss).toBeGreaterThan(6);
  });

  it('sync: never loses an acknowledged write, primary reads linearizable', () => {
    fc.assert(
      fc.property(faultSchedule, fc.integer({ min: 1, max: 1_000_000 }), (faults, seed) => {
        const sim = run(specFor('elasticache-durable-sync', { faults, seed, durationS: 25, workload: small }));
        expect(lostWrites(sim).length).toBe(0);
        expect(notInCommittedLog(sim)).toEqual([]);
        expect(checkLinearizability(sim.w.historyLog).status).not.toBe('violation');
      }),
      { numRuns: 60, seed: 20261204 },
    );
  });
});
