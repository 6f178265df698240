// Leadership and recovery in the log-durable design (model.md §2.2): the leader renews its lease through
// the log (a renewal is an append like any other, so it commits only with a quorum); a claim that commits
// makes its node the leader; a monitor restarts failed processes, which restore from the newest snapshot
// plus the log and then follow it as replicas.
import { emptyDataset, emptyDirty } from '../../dataset';
import { reachesRegion } from '../../network';
import { LOG_KIND } from '../../txlog';
import type { Ev } from '../../world';
import type { Simulation } from '../../engine';
import { DROP_CAUSE, dropBuffer, heldCount } from './buffer';
import { clearWaiting } from './waiters';
import { DURABLE_KIND, NodeTimer, ReplicaCheck, ServiceTick } from './events';
import { advanceCommitted, append, REJECTED } from './log';
import { following, isDown, leads, nodeAt, nodesOf, sendNode, type DurableNode } from './node';
import { applyRow, heartbeatUs, visibleApplied } from './replicas';
import { depose, retryHeld } from './requests';

const ms = (x: number) => Math.round(x * 1000);

export function start(sim: Simulation): void {
  const w = sim.w;
  sim.trace({ type: 'term', t: 0, node: w.nodes[0].id, term: 1, fromTerm: null, forkOffset: 0, cause: 'initial' });
  const hb = heartbeatUs(sim);
  NodeTimer.after(sim, DURABLE_KIND.LEASE_TICK, hb, 0, 0);
  // Every node checks, since any node can become a replica after it restores.
  for (const n of w.nodes) ReplicaCheck.after(sim, hb + ((n.idx + 1) * hb) / (w.nodes.length + 1), n.idx);
  ServiceTick.after(sim, DURABLE_KIND.MONITOR_TICK, ms(sim.p.durable.monitorPollMs));
  ServiceTick.after(sim, DURABLE_KIND.SNAPSHOT_TICK, sim.p.durable.snapshotIntervalS * 1e6);
}

/** A renewal or a claim committed. */
export function onCommit(sim: Simulation, index: number): void {
  const w = sim.w;
  const log = w.log;
  advanceCommitted(w);
  const rows = log.rows;
  const kind = rows.kind[index];
  const term = rows.term[index];
  const sentT = rows.sentT[index];
  const n = nodeAt(sim, rows.node[index]);
  const sameProcess = n.inc === rows.inc[index] && !isDown(n);
  if (kind === LOG_KIND.data) {
    return;
  } else if (kind === LOG_KIND.renewal) {
    if (sameProcess && term === log.leaderTerm) {
      n.leaseUntil = Math.max(n.leaseUntil, sentT + ms(sim.p.durable.leaseMs));
      if (n.slot.value === 'leaseExpired' && w.now < n.leaseUntil) sendNode(sim, n.idx, { type: 'LEASE_RENEWED' });
    }
  } else if (kind === LOG_KIND.claim) {
    if (!sameProcess || n.slot.value !== 'campaigning') return;
    const prevTerm = w.nodes[w.primary].term;
    n.logApplied = index + 1;
    n.term = term;
    n.leaseUntil = sentT + ms(sim.p.durable.leaseMs);
    w.primary = n.idx;
    w.endpoint = n.idx;
    sendNode(sim, n.idx, { type: 'WON' });
    sim.trace({ type: 'term', t: w.now, node: n.id, term, fromTerm: prevTerm, forkOffset: index + 1, cause: 'election' });
    sim.trace({ type: 'role', t: w.now, node: n.id, role: 'primary' });
    sim.trace({ type: 'endpoint', t: w.now, node: n.id });
    NodeTimer.after(sim, DURABLE_KIND.LEASE_TICK, heartbeatUs(sim), n.idx, n.inc);
  }
}

export function onLeaseTick(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const n = nodeAt(sim, NodeTimer.node(e));
  if (n.inc !== NodeTimer.inc(e) || isDown(n)) return;
  const st = n.slot.value;
  if (st !== 'primary' && st !== 'leaseExpired') return;
  NodeTimer.after(sim, DURABLE_KIND.LEASE_TICK, heartbeatUs(sim), n.idx, n.inc);
  if (st === 'primary' && w.now >= n.leaseUntil) {
    sendNode(sim, n.idx, { type: 'LEASE_EXPIRED' });
  }
  retryHeld(sim, n);
  if (n.slot.value !== 'primary' && n.slot.value !== 'leaseExpired') return;
  if (n.handoverTo >= 0) {
    // Handing over: the claim is in the log, or the replica is still catching up (no renewal meanwhile,
    // so its claim comes after this lease has run out), or it stopped following and the handover ends.
    if (w.log.leaderNode !== n.idx) return depose(sim, n, null);
    const to = nodeAt(sim, n.handoverTo);
    if (following(to)) return;
    n.handoverTo = -1;
    sim.trace({ type: 'note', t: w.now, text: `handover to ${to.id} called off: it no longer follows the log; ${n.id} renews its lease and takes writes again` });
    sim.trace({ type: 'writes-accepted', t: w.now, node: n.id });
  }
  const r = append(sim, n, 1, -1, n.term);
  if (r === REJECTED) depose(sim, n, null);
}

export function onMonitorTick(sim: Simulation): void {
  const w = sim.w;
  ServiceTick.after(sim, DURABLE_KIND.MONITOR_TICK, ms(sim.p.durable.monitorPollMs));
  // The monitor restarts failed processes and replaces lost hosts; either way the node restores itself
  // from the newest snapshot plus the log. [P §4.2]
  for (const n of nodesOf(sim)) if (n.slot.value === 'down' && reachesRegion(w, n.az)) sendNode(sim, n.idx, { type: 'RESTART' });
}

/**
 * An off-box snapshot of the committed log, built from the log itself, so it costs the nodes nothing.
 * [P §4.2] The data the run starts with counts as the snapshot at index 0, time 0.
 */
export function onSnapshotTick(sim: Simulation): void {
  ServiceTick.after(sim, DURABLE_KIND.SNAPSHOT_TICK, sim.p.durable.snapshotIntervalS * 1e6);
  sim.w.log.snapshotIndex = advanceCommitted(sim.w);
  sim.w.log.snapshotT = sim.w.now;
  sim.trace({ type: 'snapshot', t: sim.w.now, index: sim.w.log.committed });
}

/**
 * How long a restore takes that starts now, ms, and the log index it reaches: process start (200 ms
 * [A]), the newest snapshot's load (datasetGB / loadGBps), then a replay of every entry committed after
 * the snapshot up to now at durable.replayEntriesPerSec. [P §4.2] So the time grows with the log written
 * since the last snapshot.
 */
export function restorePlan(sim: Simulation): { ms: number; to: number; replayed: number } {
  const srv = sim.p.server;
  const to = advanceCommitted(sim.w);
  const replayed = Math.max(0, to - sim.w.log.snapshotIndex);
  const loadMs = (srv.datasetGB * 1000) / srv.loadGBps;
  return { ms: 200 + loadMs + (replayed * 1000) / sim.p.durable.replayEntriesPerSec, to, replayed };
}

export function onRestoreDone(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const n = nodeAt(sim, NodeTimer.node(e));
  if (n.inc !== NodeTimer.inc(e) || n.slot.value !== 'restoring') return;
  const log = w.log;
  const data = emptyDataset(sim.spec.workload.keys);
  n.lastRenewSeen = 0;
  // The snapshot and the replay bring it to the log as committed when the restore began; what committed
  // since, it applies as a lagging replica (syncReplica).
  const to = Math.min(n.restoreTo, advanceCommitted(w));
  for (let i = 0; i < to; i++) applyRow(data, n, log.rows, w.writes, i);
  n.data = data;
  n.logApplied = to;
  n.restoreTo = to;
  n.catchUpT = w.now;
  n.followSince = w.now;
  sendNode(sim, n.idx, { type: 'RESTORED' });
}

// ---------------------------------------------------------------------------------------------------
// Lifecycle hooks
// ---------------------------------------------------------------------------------------------------

export function onNodeAction(sim: Simulation, idx: number, type: string, params: Record<string, unknown>, prev: string): void {
  if (type !== 'entered') return;
  const w = sim.w;
  const n = nodeAt(sim, idx);
  const state = params.state as string;
  sim.trace({ type: 'node-state', t: w.now, node: n.id, state });
  const wasUp = prev !== 'down' && prev !== 'off' && prev !== 'rebooting';
  if (wasUp && (state === 'down' || state === 'off' || state === 'rebooting')) {
    n.inc++;
    n.deathT = w.now;
    n.deathWasHost = state !== 'down';
    clearMemory(sim, n, DROP_CAUSE.died);
  }
  if (state === 'restoring') {
    if (wasUp) clearMemory(sim, n, DROP_CAUSE.deposed);
    // Newest snapshot, then replay of the log after it. [P §4.2]
    const plan = restorePlan(sim);
    n.restoreTo = plan.to;
    if (w.now > 0) {
      const log = w.log;
      const from = log.snapshotIndex === 0 ? 'the data the run started with (no snapshot taken yet)' : `the snapshot taken at ${(log.snapshotT / 1e6).toFixed(1)} s`;
      sim.trace({
        type: 'note',
        t: w.now,
        text: `${n.id} restores from ${from} and replays the ${plan.replayed.toLocaleString('en-US')} log entries committed after it: ${(plan.ms / 1000).toFixed(2)} s`,
      });
    }
    NodeTimer.after(sim, DURABLE_KIND.RESTORE_DONE, ms(plan.ms), idx, n.inc);
  }
  if (state === 'leaseExpired') sim.trace({ type: 'writes-refused', t: w.now, node: n.id, reason: 'lease expired' });
  if (state === 'primary' && prev === 'leaseExpired') sim.trace({ type: 'writes-accepted', t: w.now, node: n.id });
  // Replicas (restoring, lagging) find their way through REPLICA_CHECK.
}

/**
 * A `promote` fault: a manual failover to replica n. MemoryDB has no way to promote a replica that lags:
 * the leader stops taking writes and renewing its lease, and n claims leadership (the log's conditional
 * append) once it has applied every entry and that lease has run out, so no acknowledged write is lost
 * and one node at a time acknowledges. [P §4.1; MDB-AF]
 */
export function promoteByHand(sim: Simulation, idx: number): void {
  const w = sim.w;
  const n = nodeAt(sim, idx);
  const say = (text: string) => sim.trace({ type: 'note', t: w.now, text: `promote ${n.id}: ${text}` });
  if (leads(n)) return say('it leads already; nothing happens');
  if (!following(n)) return say(`it is not a running replica (it is ${n.slot.value}); nothing happens`);
  const leader = nodeAt(sim, w.primary);
  if (!leads(leader)) return say('no leader is running to hand over; the replicas elect one through the log as usual');
  if (leader.handoverTo >= 0) return say(`${leader.id} is already handing over to ${w.nodes[leader.handoverTo].id}; nothing happens`);
  leader.handoverTo = n.idx;
  const behind = advanceCommitted(w) - visibleApplied(sim, n);
  say(
    `a manual failover. MemoryDB (like any shard led through its transaction log) cannot promote a replica that lags: ` +
      `${n.id} (${behind.toLocaleString('en-US')} committed log entries behind) takes leadership once it has applied the whole log ` +
      `and ${leader.id}'s lease has run out; ${leader.id} takes no writes until then`,
  );
  sim.trace({ type: 'writes-refused', t: w.now, node: leader.id, reason: `handing leadership over to ${n.id}` });
}

function clearMemory(sim: Simulation, n: DurableNode, cause: number): void {
  n.data = emptyDataset(sim.spec.workload.keys);
  n.dirty = emptyDirty(sim.spec.workload.keys);
  dropBuffer(n, sim.w.now, cause);
  n.drainAt = -1;
  clearWaiting(n);
  n.leaseUntil = 0;
  n.logApplied = 0;
  n.catchUpT = -1;
  n.handoverTo = -1;
}

/** After a network fault: a primary may now reach a quorum again for held appends. */
export function onTopologyChange(sim: Simulation): void {
  for (const n of nodesOf(sim)) if (heldCount(n) > 0 && !isDown(n)) retryHeld(sim, n);
}
