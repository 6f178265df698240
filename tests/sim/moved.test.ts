// MOVED: in a cluster, a node that is not its shard's primary answers a write (or a read from a client
// that does not read from replicas) with MOVED, and the client sends the request on to the shard's
// primary: one more round trip, and the request succeeds. A single shard's replica answers READONLY, and
// the request fails (the client holds the primary endpoint). Here an operator promotes s1's replica b1
// by hand while the old primary a1 keeps running, so clients still connected to a1 meet it as a replica.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { Cluster } from '../../src/sim/cluster/cluster';
import { Simulation } from '../../src/sim/engine';
import { ERRORS, ROW, type HistoryLog } from '../../src/sim/history';

const PROMOTE_AT_US = 10e6;
const text = (shards: number) =>
  `title: moved\ndurationS: 15\ntopology: { primary: a, replicas: [b, c]${shards > 1 ? `, shards: ${shards}` : ''} }\n` +
  `presets: [elasticache, memorydb]\nworkload: { writesPerSec: 2000, readsPerSec: 1000, keys: 2000 }\n` +
  `faults:\n  - { at: ${PROMOTE_AT_US / 1e6}, kind: promote, node: ${shards > 1 ? 's1.' : ''}b1 }\n`;
const cacheSpec = (shards: number) => resolveRuns(parseScenario(text(shards), 'moved.yaml')).find((s) => s.params.family === 'cache')!;

/** Failed requests by error name, and requests sent to one node and answered OK by another. */
function outcomes(h: HistoryLog, nodeIds: readonly string[]): { fails: Record<string, number>; redirected: number; redirectedMs: number[] } {
  const fails: Record<string, number> = {};
  let redirected = 0;
  const redirectedMs: number[] = [];
  for (let i = 0; i < h.length; i++) {
    const op = h.op[i];
    if (h.kind[i] === ROW.fail) fails[ERRORS[h.a[op]]] = (fails[ERRORS[h.a[op]]] ?? 0) + 1;
    if (h.kind[i] !== ROW.ok) continue;
    const inv = h.invokeRowOf(op);
    if (inv >= 0 && h.node[inv] !== h.node[i]) {
      redirected++;
      redirectedMs.push((h.t[i] - h.t[inv]) / 1000);
      expect(nodeIds[h.node[inv]]).toBe('a1');
      expect(nodeIds[h.node[i]]).toBe('b1');
      expect(h.t[inv]).toBeGreaterThanOrEqual(PROMOTE_AT_US - 20_000);
    }
  }
  return { fails, redirected, redirectedMs };
}

describe('MOVED after a failover in a cluster', () => {
  it('a single shard: clients still on the old primary get READONLY, and those requests fail', () => {
    const sim = new Simulation(cacheSpec(1));
    sim.runToEnd();
    const o = outcomes(sim.w.historyLog, sim.w.nodes.map((n) => n.id));
    expect(o.fails.READONLY ?? 0).toBeGreaterThan(0);
    expect(o.fails.MOVED ?? 0).toBe(0);
    expect(o.redirected).toBe(0);
  });

  it('a shard of a cluster: they are moved to the new primary, one round trip later, and none fails', () => {
    const cluster = new Cluster(cacheSpec(2));
    cluster.runToEnd();
    const s1 = cluster.runs[0];
    expect(s1.w.nodes[s1.w.primary].id).toBe('b1');
    const o = outcomes(s1.w.historyLog, s1.w.nodes.map((n) => n.id));
    expect(o.fails).toEqual({});
    expect(o.redirected).toBeGreaterThan(0);
    // Sent to a1, redirected, answered by b1: at least two round trips, within a client's timeout.
    for (const ms of o.redirectedMs) {
      expect(ms).toBeGreaterThan(0.4);
      expect(ms).toBeLessThan(1000);
    }
    // The other shard never failed over: nothing to redirect there.
    expect(outcomes(cluster.runs[1].w.historyLog, cluster.runs[1].w.nodes.map((n) => n.id)).redirected).toBe(0);
  });
});
