// The `promote` fault: a replica made primary by hand, whatever its lag (model.md §6, "Redis / Valkey
// Cluster and Sentinel"): cache-style loses every acknowledged write it lacks, and says how far behind it
// was; MemoryDB hands leadership over only once the replica has the whole log, and loses nothing.
import { describe, expect, it } from 'vitest';
import { recountLostWriteIds } from '../../src/check/lineage-recount';
import { summarize } from '../../src/check/summarize';
import { resultOf, simulateRun } from '../../src/sim/run';
import { Simulation } from '../../src/sim/engine';
import type { DurableNode } from '../../src/sim/designs/log-durable/node';
import type { ScheduledFault, TraceEvent } from '../../src/sim/types';
import { specFor } from './spec';

const workload = { writesPerSec: 2000, readsPerSec: 100, keys: 1000, incrFraction: 0 };
const lagging: ScheduledFault[] = [
  { atS: 5, fault: { kind: 'link-delay', node: 'c1', delayMs: 3000 } },
  { atS: 25, fault: { kind: 'promote', node: 'c1' } },
];
const ids = (r: ReturnType<typeof simulateRun>) => r.lost.slice().map((l) => l.id).sort((a, b) => a - b);
const notes = (trace: readonly TraceEvent[]) => trace.flatMap((e) => (e.type === 'note' ? [e.text] : []));

describe('promote by hand, cache-style', () => {
  it('loses what the lagging replica lacks: its lag × the write rate, as the recount finds, and says so', () => {
    const r = simulateRun(specFor('elasticache', { durationS: 40, workload, faults: lagging }));
    expect(ids(r)).toEqual(recountLostWriteIds(r.historyLog, r.trace));
    const reason = r.lost.at(0).reason;
    const m = /replica c1, promoted by hand at 25\.000 s, was (\d+\.\d+) s \(([\d,]+) bytes\) behind a1/.exec(reason);
    expect(m, reason).not.toBeNull();
    const lagS = Number(m![1]);
    expect(lagS).toBeGreaterThanOrEqual(2.99);
    expect(lagS).toBeLessThan(3.05);
    expect(Number(m![2].replace(/,/g, ''))).toBeGreaterThan(0);
    // The write rate as the clients achieved it over the 20 s before the promotion.
    const h = r.historyLog.events();
    const written = new Set(h.filter((e) => e.type === 'invoke' && e.cmd !== 'GET').map((e) => e.op));
    const acked = h.filter((e) => e.type === 'ok' && written.has(e.op) && e.t >= 5e6 && e.t < 25e6).length;
    const expected = lagS * (acked / 20);
    expect(Math.abs(r.lost.length - expected) / expected, `${r.lost.length} lost, ${expected} expected`).toBeLessThan(0.05);
    // Every lost write was acknowledged in the lag window, by the old primary.
    for (const l of r.lost) {
      expect(l.ackedAtMs).toBeGreaterThanOrEqual(25_000 - lagS * 1000 - 5);
      expect(l.ackedAtMs).toBeLessThanOrEqual(25_010);
      expect(l.node).toBe('a1');
    }
    // The old primary was demoted at once and resynchronised from c1; the endpoint moved to c1.
    const at25 = r.trace.filter((e) => e.t === 25e6);
    expect(at25).toContainEqual({ type: 'role', t: 25e6, node: 'a1', role: 'replica' });
    expect(at25).toContainEqual({ type: 'endpoint', t: 25e6, node: 'c1' });
    expect(summarize(r, { linearizability: false }).splitBrainMs).toBe(0);
  });

  it('loses nothing when the replica it promotes has every acknowledged write', () => {
    // The primary's process dies at 20 s; what the kernel had sent still reaches b1, which the operator
    // promotes at 21 s, before the control plane's detection ends.
    const faults: ScheduledFault[] = [
      { atS: 20, fault: { kind: 'crash', node: 'a1' } },
      { atS: 21, fault: { kind: 'promote', node: 'b1' } },
    ];
    const r = simulateRun(specFor('elasticache', { durationS: 60, workload, faults }));
    expect(r.lost.length).toBe(0);
    expect(recountLostWriteIds(r.historyLog, r.trace)).toEqual([]);
    expect(notes(r.trace)).toContain('b1 promoted by hand (REPLICAOF NO ONE, endpoint moved): it had everything a1 applied');
    // The old primary came back (autoRestart) as a replica of b1.
    expect(r.trace).toContainEqual(expect.objectContaining({ type: 'resync', node: 'a1' }));
    expect(r.trace.filter((e) => e.type === 'term').map((e) => e.type === 'term' && e.node)).toEqual(['a1', 'b1']);
  });

  it('a node that is not a running replica: a note, and nothing else happens', () => {
    const base = simulateRun(specFor('elasticache', { durationS: 30, faults: [{ atS: 10, fault: { kind: 'crash', node: 'c1' } }] }));
    for (const node of ['a1', 'primary', 'c1']) {
      const r = simulateRun(
        specFor('elasticache', {
          durationS: 30,
          faults: [
            { atS: 10, fault: { kind: 'crash', node: 'c1' } },
            { atS: 12, fault: { kind: 'promote', node } },
          ],
        }),
      );
      const text = notes(r.trace).find((t) => t.startsWith('promote '));
      expect(text).toMatch(node === 'c1' ? /^promote c1: it is not a running replica \(it is down\); nothing happens$/ : /^promote a1: it is the primary already; nothing happens$/);
      const strip = (t: readonly TraceEvent[]) => t.filter((e) => !(e.type === 'note' && e.text.startsWith('promote ')) && e.type !== 'fault');
      expect(strip(r.trace)).toEqual(strip(base.trace));
      expect(ids(r)).toEqual(ids(base));
    }
  });
});

describe('promote by hand, MemoryDB', () => {
  it('hands leadership over once the replica has the whole log: nothing lost, one writer at a time', () => {
    const sim = new Simulation(specFor('memorydb', { durationS: 40, workload, faults: lagging }));
    for (let t = 20e6; t <= 40e6; t += 50_000) {
      sim.runUntil(t);
      const now = sim.w.now;
      // A node that would acknowledge a write now: leading, its lease valid, not handing over.
      const writers = (sim.w.nodes as DurableNode[]).filter((n) => n.slot.value === 'primary' && now < n.leaseUntil && n.handoverTo < 0);
      expect(writers.length, `at ${t / 1e6} s`).toBeLessThanOrEqual(1);
    }
    sim.runToEnd();
    const r = resultOf(sim);
    expect(r.lost.length).toBe(0);
    expect(recountLostWriteIds(r.historyLog, r.trace)).toEqual([]);
    const s = summarize(r, { linearizability: true });
    expect(s.splitBrainMs).toBe(0);
    expect(s.linearizability.status).not.toBe('violation');
    expect(sim.w.nodes[sim.w.primary].id).toBe('c1');
    const note = notes(r.trace).find((t) => t.startsWith('promote c1'));
    expect(note).toMatch(/MemoryDB \(like any shard led through its transaction log\) cannot promote a replica that lags: c1 \([\d,]+ committed log entries behind\) takes leadership once it has applied the whole log/);
    // c1 trails by 3 s, so writes wait at least that long for it: the price of losing nothing.
    const claim = r.trace.find((e) => e.type === 'term' && e.node === 'c1');
    expect(claim!.t).toBeGreaterThan(28e6);
    expect(s.refusedWrites).toBeGreaterThan(0);
  });

  it('a promote of the leader or of a node that is down changes nothing', () => {
    const base = simulateRun(specFor('memorydb', { durationS: 20, faults: [{ atS: 5, fault: { kind: 'crash', node: 'b1' } }] }));
    const r = simulateRun(
      specFor('memorydb', {
        durationS: 20,
        faults: [
          { atS: 5, fault: { kind: 'crash', node: 'b1' } },
          { atS: 6, fault: { kind: 'promote', node: 'b1' } },
          { atS: 7, fault: { kind: 'promote', node: 'a1' } },
        ],
      }),
    );
    expect(notes(r.trace).filter((t) => t.startsWith('promote '))).toEqual([
      'promote b1: it is not a running replica (it is restoring); nothing happens',
      'promote a1: it leads already; nothing happens',
    ]);
    expect(r.traceHash === base.traceHash).toBe(false);
    const strip = (t: readonly TraceEvent[]) => t.filter((e) => !(e.type === 'note' && e.text.startsWith('promote ')) && e.type !== 'fault');
    expect(strip(r.trace)).toEqual(strip(base.trace));
  });
});
