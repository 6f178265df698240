// The design boundary: both designs behind one interface, their machines and events typed, and each
// node record holding only its own design's fields.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { designFor } from '../../src/sim/designs';
import { PRESETS } from '../../src/sim/presets';
import type { NodeFaultEvent } from '../../src/sim/designs/design';
import type { EventOf } from '../../src/sim/machines/driver';
import { cacheNodeMachine } from '../../src/sim/designs/cache-style/machine';
import { durableNodeMachine } from '../../src/sim/designs/log-durable/machine';
import { sendNode as sendCacheNode, type CacheNode } from '../../src/sim/designs/cache-style/node';
import { leads, type DurableNode } from '../../src/sim/designs/log-durable/node';
import { specFor } from './spec';

// Every machine accepts every fault event (faults.ts sends them to whichever design runs).
type Accepts<M> = NodeFaultEvent extends EventOf<M> ? true : false;
const cacheAcceptsFaults: Accepts<typeof cacheNodeMachine> = true;
const durableAcceptsFaults: Accepts<typeof durableNodeMachine> = true;

describe('designs', () => {
  it('share one shape, so the engine calls through them stay monomorphic', () => {
    expect(cacheAcceptsFaults && durableAcceptsFaults).toBe(true);
    const cache = designFor(PRESETS.elasticache.params);
    const durable = designFor(PRESETS.memorydb.params);
    const async = designFor(PRESETS['elasticache-durable-async'].params);
    expect(Object.keys(cache)).toEqual(Object.keys(durable));
    expect(Object.keys(async)).toEqual(Object.keys(durable));
    expect([cache.family, durable.family, async.family]).toEqual(['cache', 'durable', 'durable']);
    expect(async).not.toBe(durable);
    expect(designFor(PRESETS['elasticache-durable-sync'].params)).toBe(durable);
  });

  it('give each node record only its own fields', () => {
    const cache = new Simulation(specFor('elasticache')).w.nodes[0] as CacheNode;
    const durable = new Simulation(specFor('memorydb')).w.nodes[0] as DurableNode;
    expect(cache).toHaveProperty('waitOps');
    expect(cache).not.toHaveProperty('logApplied');
    expect(durable).toHaveProperty('logApplied');
    expect(durable).not.toHaveProperty('waitOps');
    // A log-durable node's leadership is its machine's state, not a field beside it.
    expect(durable).not.toHaveProperty('role');
    expect(leads(durable)).toBe(true);
  });

  it('type their machines: a misspelt state or another design’s event does not compile', () => {
    const sim = new Simulation(specFor('elasticache'));
    const n = sim.w.nodes[0] as CacheNode;
    // @ts-expect-error 'servng' is not a state of the cache-style node machine
    expect(n.slot.value === 'servng').toBe(false);
    // @ts-expect-error WON is an event of the log-durable machine only
    const wrong = () => sendCacheNode(sim, 0, { type: 'WON' });
    expect(typeof wrong).toBe('function');
    sendCacheNode(sim, 0, { type: 'CRASH' });
    expect(n.slot.value).toBe('down');
  });

  it('have at most one serving log-durable leader through a failover, the one the log names', () => {
    const sim = new Simulation(specFor('memorydb', { faults: [{ atS: 5, fault: { kind: 'crash', node: 'primary' } }] }));
    const design = sim.design;
    for (let t = 1e6; t <= 30e6; t += 1e6) {
      sim.runUntil(t);
      const leaders = sim.w.nodes.filter((x) => design.isPrimary(x) && (x as DurableNode).slot.value === 'primary');
      expect(leaders.length, `at ${t / 1e6} s`).toBeLessThanOrEqual(1);
      if (leaders.length === 1) expect(leaders[0].idx, `at ${t / 1e6} s`).toBe(sim.w.log.leaderNode);
    }
    expect(sim.w.primary).not.toBe(0);
    expect(design.isPrimary(sim.w.nodes[sim.w.primary])).toBe(true);
  });
});
