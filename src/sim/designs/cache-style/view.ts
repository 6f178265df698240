// How the cache-style design is drawn: each node's replication offset and lag, and the writes on their
// way to the replicas.
import type { Ev, NodeBase } from '../../world';
import type { Simulation } from '../../engine';
import type { MessageView } from '../../view';
import { CACHE_KIND, ReplDeliver } from './events';
import { nodeAt, type CacheNode } from './node';
import { replicaLagUs } from './replication';

export function cachePosition(sim: Simulation, node: NodeBase): { offset: number; lagUs: number } {
  const n = node as CacheNode;
  return { offset: n.offset, lagUs: n.role === 'primary' ? 0 : replicaLagUs(sim, n) };
}

export function isReplication(e: Ev): boolean {
  return e.kind === CACHE_KIND.REPL_DELIVER;
}

export function replicationMessage(sim: Simulation, e: Ev): MessageView | null {
  const r = nodeAt(sim, ReplDeliver.replica(e));
  if (r.upstream < 0) return null;
  return { kind: 'replication', id: sim.w.writes.w[ReplDeliver.entry(e)], write: true, from: sim.nodeId(r.upstream), to: r.id, sentUs: ReplDeliver.leaveT(e), arriveUs: e.t, error: false };
}

