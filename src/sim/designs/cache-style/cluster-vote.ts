// Redis Cluster's rules across the shards of a cluster (model.md §6, [R-CSPEC]): a replica is promoted
// only with the votes of a majority of the cluster's primaries (one per shard; the failed one cannot
// vote), so when most primaries are unreachable no shard fails over; and a primary that reaches only a
// minority of the primaries (itself included) stops taking writes and reads after the node timeout. A run
// that is not a shard of a cluster (no bus) keeps the single-shard rule: the majority is the region.
import { canTalk } from '../../network';
import type { Simulation } from '../../engine';
import { nodeAt, processRunning } from './node';
import { BUS_TICK_US } from '../../cluster/bus';

/** Primaries needed for a majority of a cluster with `shards` shards. */
export const majorityOf = (shards: number) => Math.floor(shards / 2) + 1;

/** Is the Redis Cluster bus in play for this run (cluster failover mode, more than one shard)? */
export function clusterVotes(sim: Simulation): boolean {
  return sim.cluster !== null && sim.cluster.shards > 1 && sim.p.cache.failover.mode === 'cluster';
}

/** Is this run's primary up, as the cluster bus reports it to the other shards (bus.ts)? */
export function primaryUp(sim: Simulation): { az: number; up: boolean } {
  const p = nodeAt(sim, sim.w.primary);
  return { az: p.az, up: processRunning(p) && p.role === 'primary' };
}

/**
 * How many shards' primaries (other than this run's own) a node in AZ `az` can reach: those up at the bus's
 * last tick, in an AZ this node can talk to now (AZ faults hit every shard at the same instant).
 */
export function otherPrimariesReachable(sim: Simulation, az: number): number {
  const bus = sim.cluster;
  if (bus === null) return 0;
  const self = sim.spec.shard?.index ?? -1;
  const view = bus.view;
  let n = 0;
  for (let i = 0; i < view.az.length; i++) if (i !== self && view.up[i] && canTalk(sim.w, az, view.az[i])) n++;
  return n;
}

/**
 * Why a replica in AZ `az` cannot win the election now, or '' if it can: it needs the votes of a majority
 * of all the cluster's primaries, and only the other shards' primaries can vote.
 */
export function electionBlocked(sim: Simulation, az: number): string {
  const bus = sim.cluster as NonNullable<Simulation['cluster']>;
  const votes = otherPrimariesReachable(sim, az);
  const needed = majorityOf(bus.shards);
  return votes >= needed ? '' : `its replicas reach ${votes} of the cluster's ${bus.shards} primaries; a failover needs the votes of ${needed}`;
}

/** Does a primary in AZ `az` reach only a minority of the cluster's primaries (itself included)? */
export function inMinority(sim: Simulation, az: number): boolean {
  const bus = sim.cluster as NonNullable<Simulation['cluster']>;
  return 1 + otherPrimariesReachable(sim, az) < majorityOf(bus.shards);
}

/**
 * What `inMinority` depends on besides the node's AZ, as one number: the bus tick it reads and which AZs
 * are down or isolated now. Equal keys give equal answers, so a primary works it out again only when one
 * of them changes, not on every request.
 */
export function minorityKey(sim: Simulation): number {
  const w = sim.w;
  let net = 0;
  for (let az = 0; az < w.azDown.length; az++) net = net * 4 + (w.azDown[az] ? 2 : 0) + (w.azIsolated[az] ? 1 : 0);
  // The tick's number, not its time: a time × 64 outgrows a small integer after 33 s, and one such key
  // stored in a node turned every node's field into a boxed float (and the engine's code deoptimised).
  return Math.floor((sim.cluster as NonNullable<Simulation['cluster']>).view.t / BUS_TICK_US) * 64 + net;
}
