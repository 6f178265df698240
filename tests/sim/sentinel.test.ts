// Sentinel's own rules (model.md §6, "Redis / Valkey Cluster and Sentinel"): three sentinels, one per
// AZ; down-after-milliseconds, a quorum, a leader elected by a majority; then the replica with the lowest
// replica-priority (0 = never), the largest offset, the smallest run id (node id order here).
import { describe, expect, it } from 'vitest';
import { recountLostWriteIds } from '../../src/check/lineage-recount';
import { PRESETS } from '../../src/sim/presets';
import { simulateRun } from '../../src/sim/run';
import type { AZ, PresetId, ScheduledFault, TraceEvent } from '../../src/sim/types';
import { specFor } from './spec';

const workload = { writesPerSec: 500, readsPerSec: 50, keys: 200, incrFraction: 0 };

function run(
  faults: ScheduledFault[],
  opts: { replicas?: AZ[]; priority?: Record<string, number>; quorum?: number; preset?: PresetId; writesPerSec?: number } = {},
) {
  const preset = opts.preset ?? 'redis-sentinel';
  const params = structuredClone(PRESETS[preset].params);
  if (opts.quorum !== undefined) params.cache.failover.sentinelQuorum = opts.quorum;
  return simulateRun(
    specFor(preset, {
      params,
      durationS: 60,
      workload: { ...workload, writesPerSec: opts.writesPerSec ?? workload.writesPerSec },
      topology: { primary: 'a', replicas: opts.replicas ?? ['b', 'c'], clients: ['a', 'b', 'c'], replicaPriority: opts.priority },
      faults,
    }),
  );
}

const promotions = (trace: readonly TraceEvent[]) => trace.flatMap((e) => (e.type === 'term' && e.cause === 'promotion' ? [{ node: e.node, t: e.t }] : []));
const lose = (node: string): ScheduledFault => ({ atS: 5, fault: { kind: 'host-loss', node } });
const lag = (node: string): ScheduledFault => ({ atS: 1, fault: { kind: 'link-delay', node, delayMs: 1500 } });

describe('Sentinel failover', () => {
  it('waits out down-after-milliseconds (30 s), then promotes', () => {
    const r = run([lose('a1')]);
    const [p] = promotions(r.trace);
    expect(p.node).toBe('b1');
    // Detected 30 s after the last reply (health checks once a second), then a random 0–1 s start.
    expect(p.t).toBeGreaterThanOrEqual(35e6);
    expect(p.t).toBeLessThan(37e6);
  });

  it('a lower replica-priority beats a larger offset, and the lost writes are the ones that replica lacked', () => {
    const r = run([lag('c1'), lose('a1')], { priority: { c1: 1 } });
    expect(promotions(r.trace).map((p) => p.node)).toEqual(['c1']);
    expect(r.lost.length).toBeGreaterThan(500); // about 1.5 s × 500 writes/s
    expect(r.lost.slice().map((l) => l.id).sort((a, b) => a - b)).toEqual(recountLostWriteIds(r.historyLog, r.trace));
    expect(r.lost.at(0).reason).toMatch(/replica c1, promoted at 3\d\.\d{3} s by the sentinels \(leader in AZ a; replica-priority 1\) when a1 stopped answering, was 1\.\d{3} s \([\d,]+ bytes\) behind a1/);
  });

  it('never promotes a replica of priority 0, even the most up to date; with none left, no failover at all', () => {
    expect(promotions(run([lag('c1'), lose('a1')], { priority: { b1: 0 } }).trace).map((p) => p.node)).toEqual(['c1']);
    const none = run([lose('a1')], { priority: { b1: 0, c1: 0 } });
    expect(promotions(none.trace)).toEqual([]);
    const notes = none.trace.flatMap((e) => (e.type === 'note' ? [e.text] : []));
    expect(notes).toContain('sentinels: no failover yet: no replica the leader reaches can be promoted (serving, with data, replica-priority not 0)');
  });

  it('between equal priorities the larger offset wins over the smaller run id', () => {
    expect(promotions(run([lag('b1'), lose('a1')]).trace).map((p) => p.node)).toEqual(['c1']);
  });

  it('between equal priorities and offsets the smaller run id (node id) wins, whatever the list order', () => {
    // No writes: every replica sits at offset 0. c1 is listed first, b1 has the smaller id.
    const r = run([lose('a1')], { replicas: ['c', 'b'], writesPerSec: 0 });
    expect(promotions(r.trace).map((p) => p.node)).toEqual(['b1']);
  });

  it('with two of the three sentinels cut off, never promotes, whatever the quorum; the control plane of ElastiCache does', () => {
    // AZ b and c are cut off from a and from each other; the primary's host is lost. Replica a2 is right there.
    const faults: ScheduledFault[] = [
      { atS: 4, fault: { kind: 'az-isolate', az: 'b' } },
      { atS: 4, fault: { kind: 'az-isolate', az: 'c' } },
      lose('a1'),
    ];
    const opts = { replicas: ['a', 'b', 'c'] as AZ[] };
    expect(promotions(run(faults, opts).trace)).toEqual([]);
    const q1 = run(faults, { ...opts, quorum: 1 });
    expect(promotions(q1.trace)).toEqual([]);
    const notes = q1.trace.flatMap((e) => (e.type === 'note' ? [e.text] : []));
    expect(notes).toContain('sentinels: no failover yet: the sentinel in AZ a reaches 1 of 3 sentinels; electing a leader needs 2');
    expect(promotions(run(faults, { ...opts, preset: 'elasticache' }).trace).map((p) => p.node)).toEqual(['a2']);
  });

  it('with one sentinel gone with its AZ, the other two still elect a leader and promote', () => {
    const r = run([{ atS: 5, fault: { kind: 'az-outage', az: 'a' } }]);
    expect(promotions(r.trace).map((p) => p.node)).toEqual(['b1']);
  });
});
