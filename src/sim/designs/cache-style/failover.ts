// The cache-style failover control plane (ElastiCache Multi-AZ, Redis Cluster or Sentinel, model.md
// §2.1): a health check once a second feeds the failover machine; on its `promote` action the
// least-lagged reachable replica becomes the primary of a new branch of history, and on `moveEndpoint`
// the endpoint follows. A former primary that hears the majority again is demoted.
import { reachesRegion } from '../../network';
import { uniform } from '../../rng';
import type { Simulation } from '../../engine';
import { CACHE_KIND, ControlTick } from './events';
import type { FailoverEvent } from './failover-machine';
import { forkAsPrimary } from './lifecycle';
import { nodeAt, nodesOf, processRunning, type CacheNode } from './node';

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
  const alive = reachesRegion(w, p.az) && processRunning(p);
  if (alive) sendControl(sim, { type: 'PRIMARY_OK' });
  else {
    const f = sim.p.cache.failover;
    // Redis Cluster replicas wait 0.5 s plus a random 0–0.5 s before asking for votes. [R-CSPEC]
    const jitter = f.mode === 'cluster' ? 500 + uniform(w.rng.control) * 500 : 0;
    sendControl(sim, { type: 'PRIMARY_UNREACHABLE', promotionMs: f.promotionMs + jitter });
  }
  // A former primary that can hear the majority again learns it was replaced and becomes a replica; the
  // full resync that follows throws away whatever it acknowledged alone.
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
  let best: CacheNode | null = null;
  for (const r of nodesOf(sim)) {
    if (r.idx === w.primary || r.role === 'primary' || r.slot.value !== 'serving' || !reachesRegion(w, r.az) || r.stream < 0) continue;
    if (!best || r.offset > best.offset) best = r;
  }
  if (!best) {
    sendControl(sim, { type: 'NO_CANDIDATE' }, true);
    return;
  }
  const old = w.nodes[w.primary];
  const why = `replica ${best.id}, promoted at ${fmtS(w.now)} when ${old.id} stopped answering, had applied up to offset ${best.offset}`;
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
