// Replicas (model.md §2.2) apply committed log entries only, a poll interval behind the commit; one that
// has caught up and has seen no lease renewal for longer than the backoff campaigns for leadership with a
// conditional append of its own.
import { setKey, type Dataset } from '../../dataset';
import { meanOneWayUs, reachesRegion } from '../../network';
import { uniform } from '../../rng';
import { firstAbove } from '../../search';
import type { TxLog } from '../../txlog';
import type { WriteLog } from '../../writes';
import type { Simulation } from '../../engine';
import { heldCount } from './buffer';
import { ReplicaCheck } from './events';
import { advanceCommitted, append, committedAt, copiesReachable } from './log';
import { following, leads, nodeAt, sendNode, type DurableNode } from './node';

const ms = (x: number) => Math.round(x * 1000);

export function heartbeatUs(sim: Simulation): number {
  return ms(sim.p.durable.leaseMs / sim.p.durable.heartbeatDivisor);
}

/** Replicas read committed entries from the log; modelled lazily, without an event per entry. */
export function syncReplica(sim: Simulation, n: DurableNode): void {
  if (!following(n) || n.linkStalled || !reachesRegion(sim.w, n.az)) return;
  const rows = sim.w.log.rows;
  const delay = ms(sim.p.durable.replicaPollMs) + meanOneWayUs(sim.p.network, n.az, n.az) + n.linkDelayUs;
  const horizon = sim.w.now - delay;
  // Called a few times a second, each time for hundreds of rows: too rarely for the optimising compiler,
  // so the loop keeps to locals, which unoptimised code reads without a property lookup.
  const cap = catchUpCap(sim, n);
  const end = Math.min(rows.length, cap);
  const commitT = rows.commitT;
  let i = n.logApplied;
  if (i < end && commitT[i] <= horizon) {
    const data = n.data;
    const writes = sim.w.writes;
    do {
      applyRow(data, n, rows, writes, i);
      i++;
    } while (i < end && commitT[i] <= horizon);
    n.logApplied = i;
  }
  // Reached what the log can show it before the replay rate held it back: it follows the stream now.
  if (i < cap) n.catchUpT = -1;
}

/**
 * A node catching up after a restore has applied at most this many entries by now: it replays those
 * committed during its restore at durable.replayEntriesPerSec, from where the restore left it.
 */
function catchUpCap(sim: Simulation, n: DurableNode): number {
  if (n.catchUpT < 0) return Infinity;
  return n.restoreTo + Math.floor(((sim.w.now - n.catchUpT) * sim.p.durable.replayEntriesPerSec) / 1e6);
}

/** Apply log row i to a dataset: a write sets its key, a renewal or claim is a sign of a live leader. */
export function applyRow(data: Dataset, n: DurableNode, rows: TxLog, writes: WriteLog, i: number): void {
  const e = rows.write[i];
  if (e >= 0) setKey(data, writes.k[e], e);
  else if (rows.sentT[i] > n.lastRenewSeen) n.lastRenewSeen = rows.sentT[i];
}

export function replicaLagUs(sim: Simulation, n: DurableNode): number {
  const log = sim.w.log;
  if (n.logApplied >= committedAt(log, sim.w.now)) return 0;
  return Math.max(0, sim.w.now - log.rows.commitT[n.logApplied]);
}

/**
 * How many log entries a replica has applied as of now, without applying them (the lazy catch-up that
 * syncReplica performs on demand), for pictures that must not change the model.
 */
export function visibleApplied(sim: Simulation, n: DurableNode): number {
  if (!following(n) || n.linkStalled || !reachesRegion(sim.w, n.az)) return n.logApplied;
  const log = sim.w.log;
  const horizon = sim.w.now - (ms(sim.p.durable.replicaPollMs) + meanOneWayUs(sim.p.network, n.az, n.az) + n.linkDelayUs);
  const visible = firstAbove(log.rows.commitT, horizon, n.logApplied, committedAt(log, sim.w.now));
  return Math.max(n.logApplied, Math.min(visible, catchUpCap(sim, n)));
}

export function onReplicaCheck(sim: Simulation, idx: number): void {
  const w = sim.w;
  const n = nodeAt(sim, idx);
  const d = sim.p.durable;
  // A little jitter keeps two replicas from campaigning at the same instant.
  ReplicaCheck.after(sim, heartbeatUs(sim) * (0.9 + 0.2 * uniform(w.rng.control)), idx);
  if (!following(n)) return;
  const st = n.slot.value;
  syncReplica(sim, n);
  const committed = advanceCommitted(w);
  // Caught up: it has applied every entry committed, or every one its poll of the log can have shown it
  // yet (under a steady stream of writes something has always committed within the last poll interval).
  const caughtUp = n.logApplied >= committed || (n.catchUpT < 0 && !n.linkStalled && reachesRegion(w, n.az) && n.logApplied >= visibleApplied(sim, n));
  if (st === 'lagging' && caughtUp) sendNode(sim, idx, { type: 'CAUGHT_UP' });
  else if (st === 'caughtUp' && !caughtUp && committed - n.logApplied > 1000) sendNode(sim, idx, { type: 'FELL_BEHIND' });
  if (n.slot.value !== 'caughtUp') return;
  const leader = nodeAt(sim, w.primary);
  const handover = leads(leader) && leader.handoverTo === n.idx;
  if (handover) {
    // A manual failover to this node: claim once the leader has handed every write it holds to the log,
    // this node has applied every entry, and the old lease has run out.
    if (heldCount(leader) > 0 || n.logApplied !== w.log.rows.length || w.now - n.lastRenewSeen < ms(d.leaseMs)) return;
  } else {
    // The others stand by while a live leader hands over to another replica. [A]
    if (leads(leader) && leader.handoverTo >= 0) return;
    const lastSign = Math.max(n.lastRenewSeen, n.followSince);
    if (w.now - lastSign < ms(d.leaseMs * d.backoffFactor)) return;
  }
  if (copiesReachable(sim, n.az) < d.logQuorum) return;
  // No renewal seen for longer than the backoff: try to take over with a conditional append.
  const term = w.nextTerm++;
  sendNode(sim, idx, { type: 'CAMPAIGN' });
  const index = append(sim, n, 2, -1, term);
  if (index < 0) sendNode(sim, idx, { type: 'LOST_ELECTION' });
  else if (handover) sim.trace({ type: 'note', t: w.now, text: `${n.id} has applied the whole log and claims leadership (term ${term}), as asked` });
  else sim.trace({ type: 'note', t: w.now, text: `${n.id} campaigns for leadership (term ${term})` });
}
