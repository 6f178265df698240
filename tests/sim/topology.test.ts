import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { simulateRun } from '../../src/sim/run';
import { summarize } from '../../src/check/summarize';
import { specFor } from './spec';
import type { CacheNode } from '../../src/sim/designs/cache-style/node';

const crash = { atS: 5, fault: { kind: 'crash' as const, node: 'primary' } };

describe('topologies from 0 to 5 replicas', () => {
  it('elasticache without replicas loses everything when its only node crashes and nothing persists', () => {
    const r = simulateRun(specFor('elasticache', { topology: { primary: 'a', replicas: [], clients: ['a', 'b', 'c'] }, faults: [crash] }));
    const s = summarize(r, { linearizability: false });
    expect(s.acked).toBeGreaterThan(0);
    expect(s.lostAcked.length).toBe(s.acked);
    expect(s.lostAcked.at(0).reason).toContain('no copy of it survives');
  });

  it('memorydb without replicas restores its only node from the log and loses nothing', () => {
    const r = simulateRun(specFor('memorydb', { topology: { primary: 'a', replicas: [], clients: ['a', 'b', 'c'] }, faults: [crash] }));
    const s = summarize(r, { linearizability: true });
    expect(s.lostAcked.length).toBe(0);
    // The monitor restarts it, it restores, then claims leadership after the backoff: writes come back.
    expect(s.rtoMs).toBeGreaterThan(3000);
    expect(s.rtoMs).toBeLessThan(12_000);
    expect(s.linearizability.status).toBe('linearizable');
  });

  it('with five replicas a failover keeps the others following the new primary', () => {
    const spec = specFor('elasticache', { topology: { primary: 'a', replicas: ['b', 'c', 'a', 'b', 'c'], clients: ['a', 'b', 'c'] }, faults: [crash] });
    const sim = new Simulation(spec);
    sim.runToEnd();
    const w = sim.w;
    const nodes = w.nodes as CacheNode[];
    const primary = nodes[w.primary];
    expect(primary.id).not.toBe('a1');
    for (const n of nodes) {
      if (n.idx === primary.idx || n.slot.value !== 'serving') continue;
      expect(n.upstream, n.id).toBe(primary.idx);
      // Caught up to within the last second of writes.
      expect(primary.offset - n.offset, n.id).toBeLessThan(100_000);
    }
  });

  it('a crashed elasticache primary that comes back rejoins as a replica and resynchronises', () => {
    const spec = specFor('elasticache', { faults: [crash, { atS: 20, fault: { kind: 'restart', node: 'a1' } }] });
    const sim = new Simulation(spec);
    sim.runToEnd();
    const nodes = sim.w.nodes as CacheNode[];
    const a1 = nodes[0];
    expect(a1.role).toBe('replica');
    expect(a1.slot.value).toBe('serving');
    expect(sim.w.trace.some((e) => e.type === 'resync' && e.node === 'a1' && e.kind === 'full')).toBe(true);
    expect(nodes[sim.w.primary].offset - a1.offset).toBeLessThan(100_000);
  });
});
