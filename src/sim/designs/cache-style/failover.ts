// The cache-style failover control plane (ElastiCache Multi-AZ, Redis Cluster or Sentinel, model.md
// §2.1): a health check once a second feeds the failover machine; on its `promote` action the
// least-lagged reachable replica becomes the primary of a new branch of history (Sentinel: the replica its
// own rules choose, sentinel.ts), and on `moveEndpoint` the endpoint follows. A former primary that hears
// the majority again is demoted. A `promote` fault does the same by hand, at once, whatever the lag.
import { clusterVotes, electionBlocked } from './cluster-vote';
import { reachesRegion } from '../../network';
import { uniform } from '../../rng';
import type { Simulation } from '../../engine';
import { CACHE_KIND, ControlTick } from './events';
import type { FailoverEvent } from './failover-machine';
import { forkAsPrimary } from './lifecycle';
import { entryAt } from './lineage';
import { nodeAt, nodesOf, processRunning, type CacheNode } from './node';
import { electLeader, priorityOf, sentinelChoice, sentinelsFindPrimaryDown } from './sentinel';
import { AZS } from '../../types';

const fmtS = (us: number) => `${(us / 1e6).toFixed(3)} s`;

/** Send the control plane's machine one of its events. */
function sendControl(sim: Simulation, event: FailoverEvent, deferred = false): void {
  if (deferred) sim.deferSend(-1, event);
  else sim.send(-1, event);
}

export function onHealthTick(sim: Simulation): void {
  const w = sim.w;
  ControlTick.after(sim, CACHE_KIND.HEALTH_TICK, 1e6);
  const p = nodeAt(sim, w.primary);
  const f = sim.p.cache.failover;
  const alive = f.mode === 'sentinel' ? !sentinelsFindPrimaryDown(sim) : reachesRegion(w, p.az) && processRunning(p);
  if (alive) sendControl(sim, { type: 'PRIMARY_OK' });
  else {
    // Redis Cluster replicas wait 0.5 s plus a random 0–0.5 s before asking for votes. [R-CSPEC]
    // A sentinel starts its failover a random 0–1 s late, so that two do not ask for votes at once. [R-SENT]
    const jitter = f.mode === 'cluster' ? 500 + uniform(w.rng.control) * 500 : f.mode === 'sentinel' ? uniform(w.rng.control) * 1000 : 0;
    sendControl(sim, { type: 'PRIMARY_UNREACHABLE', promotionMs: f.promotionMs + jitter });
  }
  // A former primary that can hear the majority again learns it was replaced and becomes a replica; the
  // full resync that follows throws away whatever it acknowledged alone.
  demoteFormerPrimaries(sim);
}

/** Every former primary that can hear the majority learns it was replaced and becomes a replica. */
function demoteFormerPrimaries(sim: Simulation): void {
  const w = sim.w;
  for (const n of nodesOf(sim)) {
    if (n.idx !== w.primary && n.role === 'primary' && reachesRegion(w, n.az) && processRunning(n)) {
      n.role = 'replica';
      n.upstream = w.primary;
      n.link = 'down';
      n.writesRefused = '';
      sim.trace({ type: 'role', t: w.now, node: n.id, role: 'replica' });
    }
  }
}

/**
 * How far replica r is behind primary p: the bytes of p's history it has not applied, and the age of the
 * oldest write among them (up to p's death, if p is dead). Zero when it has everything p applied.
 */
export function lagBehind(sim: Simulation, p: CacheNode, r: CacheNode): { bytes: number; us: number } {
  const w = sim.w;
  if (p.idx === r.idx || p.stream < 0 || r.applied >= p.applied) return { bytes: 0, us: 0 };
  const first = entryAt(w.streams, p.stream, r.applied);
  const until = processRunning(p) ? w.now : p.deathT;
  return { bytes: Math.max(0, p.offset - r.offset), us: first === undefined ? 0 : Math.max(0, until - w.writes.t[first]) };
}

const behindWords = (lag: { bytes: number; us: number }, of: string) =>
  lag.bytes === 0 ? `had everything ${of} applied` : `was ${fmtS(lag.us)} (${lag.bytes.toLocaleString('en-US')} bytes) behind ${of}`;

/** Why a node cannot be promoted by hand, or '' if it can: only a running replica that holds data can. */
function notPromotable(sim: Simulation, r: CacheNode): string {
  if (r.idx === sim.w.primary) return 'it is the primary already';
  if (r.role !== 'replica') return 'it is a former primary that has not yet become a replica';
  if (r.slot.value !== 'serving') return `it is not a running replica (it is ${r.slot.value})`;
  if (r.stream < 0) return 'it holds no data yet';
  return '';
}

/**
 * A `promote` fault: an operator's REPLICAOF NO ONE on replica r and the endpoint moved to it at once (or
 * Sentinel obeying a priority), whatever its lag. Every acknowledged write it lacks is lost; the old
 * primary, if it runs and can be reached, is demoted now, else when it comes back.
 */
export function promoteByHand(sim: Simulation, idx: number): void {
  const w = sim.w;
  const r = nodeAt(sim, idx);
  const refused = notPromotable(sim, r);
  if (refused !== '') {
    sim.trace({ type: 'note', t: w.now, text: `promote ${r.id}: ${refused}; nothing happens` });
    return;
  }
  const old = nodeAt(sim, w.primary);
  const lag = lagBehind(sim, old, r);
  const why = `replica ${r.id}, promoted by hand at ${fmtS(w.now)}, ${behindWords(lag, old.id)}, had applied up to offset ${r.offset}`;
  sim.trace({ type: 'note', t: w.now, text: `${r.id} promoted by hand (REPLICAOF NO ONE, endpoint moved): it ${behindWords(lag, old.id)}` });
  forkAsPrimary(sim, r, 'promotion', why);
  w.primary = r.idx;
  w.endpoint = r.idx;
  sim.trace({ type: 'endpoint', t: w.now, node: r.id });
  demoteFormerPrimaries(sim);
}

export function onControlAction(sim: Simulation, type: string, params: Record<string, unknown>): void {
  const w = sim.w;
  if (type === 'entered') {
    sim.trace({ type: 'note', t: w.now, text: `failover control: ${params.state as string}` });
    return;
  }
  if (type === 'moveEndpoint') {
    w.endpoint = w.primary;
    sim.trace({ type: 'endpoint', t: w.now, node: w.nodes[w.primary].id });
    return;
  }
  if (type !== 'promote') return;
  if (sim.p.cache.failover.mode === 'sentinel') return sentinelFailover(sim);
  let best: CacheNode | null = null;
  for (const r of nodesOf(sim)) {
    if (r.idx === w.primary || r.role === 'primary' || r.slot.value !== 'serving' || !reachesRegion(w, r.az) || r.stream < 0) continue;
    if (!best || r.offset > best.offset) best = r;
  }
  if (!best) {
    sendControl(sim, { type: 'NO_CANDIDATE' }, true);
    return;
  }
  const blocked = clusterVotes(sim) ? electionBlocked(sim, best.az) : '';
  if (blocked !== '') {
    sim.trace({ type: 'note', t: w.now, text: `cluster: no failover yet: ${blocked}` });
    sendControl(sim, { type: 'NO_CANDIDATE' }, true);
    return;
  }
  const old = w.nodes[w.primary];
  const why = `replica ${best.id}, promoted at ${fmtS(w.now)} when ${old.id} stopped answering, had applied up to offset ${best.offset}`;
  forkAsPrimary(sim, best, 'promotion', why);
  w.primary = best.idx;
}

/** Sentinel's failover: elect a leader among the sentinels, which promotes the replica its rules choose. */
function sentinelFailover(sim: Simulation): void {
  const w = sim.w;
  const leader = electLeader(sim);
  const best = 'az' in leader ? sentinelChoice(sim, leader.az) : null;
  if (!best) {
    const why = 'none' in leader ? leader.none : 'no replica the leader reaches can be promoted (serving, with data, replica-priority not 0)';
    sim.trace({ type: 'note', t: w.now, text: `sentinels: no failover yet: ${why}` });
    sendControl(sim, { type: 'NO_CANDIDATE' }, true);
    return;
  }
  const old = nodeAt(sim, w.primary);
  const lag = lagBehind(sim, old, best);
  const az = 'az' in leader ? AZS[leader.az] : '?';
  const why =
    `replica ${best.id}, promoted at ${fmtS(w.now)} by the sentinels (leader in AZ ${az}; replica-priority ${priorityOf(sim, best)}) ` +
    `when ${old.id} stopped answering, ${behindWords(lag, old.id)}, had applied up to offset ${best.offset}`;
  forkAsPrimary(sim, best, 'promotion', why);
  w.primary = best.idx;
}

/** Keep each node's "cut off from the majority since" time current after a network fault. */
export function onTopologyChange(sim: Simulation): void {
  const w = sim.w;
  for (const n of nodesOf(sim)) {
    if (reachesRegion(w, n.az)) n.cutOffSince = -1;
    else if (n.cutOffSince < 0) n.cutOffSince = w.now;
  }
}
