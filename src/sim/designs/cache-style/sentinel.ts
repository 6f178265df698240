// Redis Sentinel's own rules for the cache-style control plane (model.md §6, "Redis / Valkey Cluster and
// Sentinel"; [R-SENT]). Three sentinels, one per AZ [A]: one is down with its AZ, and one in an isolated
// AZ talks only to what is inside it. A sentinel finds the primary down when it has had no reply for
// down-after-milliseconds (the failover's detectionMs); the primary is objectively down once `quorum`
// sentinels that can talk to each other agree. A failover then needs a leader elected by a majority of all
// sentinels (2 of 3), and the leader promotes, among the replicas it can reach, the one with the lowest
// replica-priority (0 = never), then the largest replication offset, then the smallest run id. Run ids are
// random in Redis; here the node ids' order stands in for them.
import { canTalk } from '../../network';
import type { Simulation } from '../../engine';
import { AZS } from '../../types';
import { processRunning, nodeAt, nodesOf, type CacheNode } from './node';

const SENTINELS = AZS.length;
/** A leader needs the votes of more than half of the sentinels. [R-SENT] */
const MAJORITY = Math.floor(SENTINELS / 2) + 1;
/** Redis's default replica-priority. [R-CONF] */
export const DEFAULT_PRIORITY = 100;

const sentinelUp = (sim: Simulation, s: number) => !sim.w.azDown[s];

/** Sentinels that are up and get no reply from the primary (its process is gone, or the network cuts them off). */
function findingDown(sim: Simulation): number[] {
  const p = nodeAt(sim, sim.w.primary);
  const out: number[] = [];
  for (let s = 0; s < SENTINELS; s++) {
    if (sentinelUp(sim, s) && !(canTalk(sim.w, s, p.az) && processRunning(p))) out.push(s);
  }
  return out;
}

/** The sentinels that reach `quorum` agreeing sentinels (themselves included): each of them sees the primary objectively down. */
function objectivelyDown(sim: Simulation): number[] {
  const down = findingDown(sim);
  const quorum = sim.p.cache.failover.sentinelQuorum;
  return down.filter((s) => down.filter((o) => canTalk(sim.w, s, o)).length >= quorum);
}

/** Is the primary objectively down, as the sentinels can tell now? */
export function sentinelsFindPrimaryDown(sim: Simulation): boolean {
  return objectivelyDown(sim).length > 0;
}

/** Sentinels (itself included) that sentinel s can ask for a vote. */
function voters(sim: Simulation, s: number): number {
  let n = 0;
  for (let o = 0; o < SENTINELS; o++) if (sentinelUp(sim, o) && canTalk(sim.w, s, o)) n++;
  return n;
}

/**
 * The AZ of the sentinel elected to run the failover: the first (in AZ order [A]) that finds the primary
 * objectively down and gets the votes of a majority of all sentinels and at least the quorum; or why none is.
 */
export function electLeader(sim: Simulation): { az: number } | { none: string } {
  const candidates = objectivelyDown(sim);
  const needed = Math.max(MAJORITY, sim.p.cache.failover.sentinelQuorum);
  for (const s of candidates) if (voters(sim, s) >= needed) return { az: s };
  if (candidates.length === 0) return { none: 'fewer sentinels than the quorum agree that the primary is down' };
  const best = Math.max(...candidates.map((s) => voters(sim, s)));
  return { none: `the sentinel in AZ ${AZS[candidates[0]]} reaches ${best} of ${SENTINELS} sentinels; electing a leader needs ${needed}` };
}

export function priorityOf(sim: Simulation, n: CacheNode): number {
  return sim.spec.topology.replicaPriority?.[n.id] ?? DEFAULT_PRIORITY;
}

/**
 * The replica the leader promotes: reachable from it, serving, holding data, priority not 0; then the
 * lowest priority, the largest offset, the smallest run id (node id). Null if there is none.
 */
export function sentinelChoice(sim: Simulation, leaderAz: number): CacheNode | null {
  const w = sim.w;
  let best: CacheNode | null = null;
  for (const r of nodesOf(sim)) {
    if (r.idx === w.primary || r.role === 'primary' || r.slot.value !== 'serving' || r.stream < 0 || !canTalk(w, leaderAz, r.az)) continue;
    const prio = priorityOf(sim, r);
    if (prio === 0) continue;
    if (!best) {
      best = r;
      continue;
    }
    const bp = priorityOf(sim, best);
    if (prio < bp || (prio === bp && (r.offset > best.offset || (r.offset === best.offset && r.id < best.id)))) best = r;
  }
  return best;
}
