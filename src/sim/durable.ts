// The log-durable design (Amazon MemoryDB), model.md §2.2: the primary executes a write in memory, holds the
// reply, appends the effects to a transaction log with one copy per AZ, and replies once 2 of 3 copies have
// it. Replicas apply committed entries only. Leadership is a lease renewed through the same log, and an
// append names the term it belongs to, so a deposed primary can never get a write committed.
import { E, reply } from './clients';
import { readInto } from './reads';
import { canTalk, meanOneWayUs, oneWayUs, reachesRegion } from './network';
import { lognormalFactor, uniform } from './rng';
import { K, type Ev, type LogState, type NodeRec, type Op, type World } from './world';
import { DIRTY_HELD, DIRTY_NONE, emptyDataset, emptyDirty, setKey, type Dataset } from './dataset';
import { LOG_KIND, type TxLog } from './txlog';
import { writtenValue, type WriteLog } from './writes';
import { firstAbove } from './search';
import type { Simulation } from './engine';

const ms = (x: number) => Math.round(x * 1000);
const fmtS = (us: number) => `${(us / 1e6).toFixed(3)} s`;
/** Spread of one copy's storage write around its median. [A] */
const STORAGE_SIGMA = 0.35;
const REPLICA_STATES = new Set(['lagging', 'caughtUp', 'campaigning']);

export function start(sim: Simulation): void {
  const w = sim.w;
  sim.trace({ type: 'term', t: 0, node: w.nodes[0].id, term: 1, fromTerm: null, forkOffset: 0, cause: 'initial' });
  const hb = heartbeatUs(sim);
  sim.after(hb, K.LEASE_TICK, 0, 0, 0, null);
  // Every node checks, since any node can become a replica after it restores.
  for (const n of w.nodes) sim.after(hb + ((n.idx + 1) * hb) / (w.nodes.length + 1), K.REPLICA_CHECK, n.idx, 0, 0, null);
  sim.after(ms(sim.p.durable.monitorPollMs), K.MONITOR_TICK, 0, 0, 0, null);
  sim.after(sim.p.durable.snapshotIntervalS * 1e6, K.SNAPSHOT_TICK, 0, 0, 0, null);
}

function heartbeatUs(sim: Simulation): number {
  return ms(sim.p.durable.leaseMs / sim.p.durable.heartbeatDivisor);
}

function isDown(n: NodeRec): boolean {
  const s = n.slot.value;
  return s === 'down' || s === 'off' || s === 'rebooting';
}

// ---------------------------------------------------------------------------------------------------
// The log
// ---------------------------------------------------------------------------------------------------

/** Number of AZ log copies reachable from an AZ. */
function copiesReachable(sim: Simulation, az: number): number {
  let c = 0;
  for (let x = 0; x < 3; x++) if (canTalk(sim.w, az, x)) c++;
  return c;
}

/** Entries committed by time t: commit times are non-decreasing, so a binary search from the last known. */
export function committedAt(log: LogState, t: number): number {
  return firstAbove(log.rows.commitT, t, log.committed, log.rows.length);
}

/**
 * The commit point moves by itself as time passes; nothing waits on it with an event (replies are sent at
 * their commit time when the append is accepted). Readers bring it up to date first.
 */
export function advanceCommitted(w: World): number {
  w.log.committed = committedAt(w.log, w.now);
  return w.log.committed;
}

// Each copy's acknowledgement delay is kept for pictures of the log (TxLog.copies) at 10 µs
// resolution, 17 bits per AZ copy in one number (51 bits), so a long log costs no extra objects. All ones:
// the copy was unreachable. Delays are capped at about 1.3 s.
const COPY_UNIT_US = 10;
const COPY_BITS = 2 ** 17;
const COPY_NONE = COPY_BITS - 1;
/** COPY_BITS ** az, looked up: the power operator is a library call per use. */
const COPY_PLACE = [1, COPY_BITS, COPY_BITS * COPY_BITS] as const;

const REJECTED = -1;
const HELD = -2;

/**
 * Conditional append: accepted only if the appender still holds the log's current term (a claim: only if
 * the claimant has applied every entry). Without a quorum of reachable copies it cannot even be sent.
 */
function append(sim: Simulation, n: NodeRec, kind: 0 | 1 | 2, op: Op | null, write: number, term: number): number {
  const w = sim.w;
  const log = w.log;
  if (kind === 2 ? n.logApplied !== log.rows.length : term !== log.leaderTerm || log.leaderNode !== n.idx) return REJECTED;
  // Time for each reachable AZ copy to have the entry: a round trip to its AZ plus its storage write.
  // The commit is the quorum-th fastest of them (2 of 3 by default).
  const d = sim.p.durable;
  const net = sim.p.network;
  const storageMedianUs = Math.max(200, ms(d.logCommitMs - net.crossAzRttMs));
  let r0 = Infinity;
  let r1 = Infinity;
  let r2 = Infinity;
  let reachable = 0;
  let copies = 0;
  for (let x = 0; x < 3; x++) {
    if (!canTalk(w, n.az, x)) {
      copies += COPY_NONE * COPY_PLACE[x];
      continue;
    }
    reachable++;
    const rtt = 2 * oneWayUs(w.rng.network, net, n.az, x);
    const t = rtt + Math.round(storageMedianUs * lognormalFactor(w.rng.network, STORAGE_SIGMA));
    copies += Math.min(COPY_NONE - 1, Math.floor(t / COPY_UNIT_US)) * COPY_PLACE[x];
    if (t < r0) {
      r2 = r1;
      r1 = r0;
      r0 = t;
    } else if (t < r1) {
      r2 = r1;
      r1 = t;
    } else if (t < r2) r2 = t;
  }
  if (reachable < d.logQuorum) return HELD;
  const quorumUs = d.logQuorum === 1 ? r0 : d.logQuorum === 2 ? r1 : r2;
  const commitT = Math.max(log.lastCommitT, w.now + quorumUs);
  log.lastCommitT = commitT;
  const index = log.rows.append(kind, term, n.idx, n.inc, w.now, write, copies, commitT);
  if (kind === 2) {
    log.leaderTerm = term;
    log.leaderNode = n.idx;
  }
  if (kind !== 0) sim.at(commitT, K.LOG_COMMIT, index, 0, 0, null);
  return index;
}

/** When the copy in AZ index `az` acknowledged the entry, µs after it was sent (rounded down), or null if it was unreachable. */
export function copyDelayUs(copies: number, az: number): number | null {
  const v = Math.floor(copies / COPY_PLACE[az]) % COPY_BITS;
  return v === COPY_NONE ? null : v * COPY_UNIT_US;
}

function onCommit(sim: Simulation, index: number): void {
  const w = sim.w;
  const log = w.log;
  advanceCommitted(w);
  const rows = log.rows;
  const kind = rows.kind[index];
  const term = rows.term[index];
  const sentT = rows.sentT[index];
  const n = w.nodes[rows.node[index]];
  const sameProcess = n.inc === rows.inc[index] && !isDown(n);
  if (kind === LOG_KIND.data) {
    return;
  } else if (kind === LOG_KIND.renewal) {
    if (sameProcess && term === log.leaderTerm) {
      n.leaseUntil = Math.max(n.leaseUntil, sentT + ms(sim.p.durable.leaseMs));
      if (n.slot.value === 'leaseExpired' && w.now < n.leaseUntil) sim.send(n.idx, { type: 'LEASE_RENEWED' });
    }
  } else if (kind === LOG_KIND.claim) {
    if (!sameProcess || n.slot.value !== 'campaigning') return;
    const prevTerm = w.nodes[w.primary].term;
    n.logApplied = index + 1;
    n.term = term;
    n.role = 'primary';
    n.leaseUntil = sentT + ms(sim.p.durable.leaseMs);
    w.primary = n.idx;
    w.endpoint = n.idx;
    sim.send(n.idx, { type: 'WON' });
    sim.trace({ type: 'term', t: w.now, node: n.id, term, fromTerm: prevTerm, forkOffset: index + 1, cause: 'election' });
    sim.trace({ type: 'role', t: w.now, node: n.id, role: 'primary' });
    sim.trace({ type: 'endpoint', t: w.now, node: n.id });
    sim.after(heartbeatUs(sim), K.LEASE_TICK, n.idx, 0, n.inc, null);
  }
}

// ---------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------

export function onRequest(sim: Simulation, op: Op, idx: number): void {
  const w = sim.w;
  const n = w.nodes[idx];
  const st = n.slot.value;
  if (st === 'off' || st === 'rebooting') return;
  if (st === 'down') return reply(sim, op, idx, w.now, E.CONNREFUSED);
  if (st === 'restoring') return reply(sim, op, idx, w.now, E.LOADING);
  if (st === 'leaseExpired') return reply(sim, op, idx, w.now, E.CLUSTERDOWN);
  const finish = Math.max(w.now, n.busyUntil) + sim.p.server.commandUs;
  if (st === 'primary' && w.now >= n.leaseUntil) {
    sim.send(idx, { type: 'LEASE_EXPIRED' });
    return reply(sim, op, idx, w.now, E.CLUSTERDOWN);
  }
  if (op.cmd === 2) {
    n.busyUntil = finish;
    if (st === 'primary') {
      const dirty = n.dirty[op.k];
      serveRead(sim, n, op);
      // A read that touches a key with an uncommitted write waits for that commit. [P §3.2]
      if (dirty === DIRTY_HELD) n.readWaiters.push(op);
      else reply(sim, op, idx, dirty === DIRTY_NONE ? finish : Math.max(finish, w.log.rows.commitT[dirty]), -1);
      return;
    }
    syncReplica(sim, n);
    serveRead(sim, n, op);
    return reply(sim, op, idx, finish, -1);
  }
  if (st !== 'primary') return reply(sim, op, idx, w.now, E.READONLY);
  n.busyUntil = finish;
  const writes = w.writes;
  const val = writtenValue(writes, n.data.vals[op.k], op.cmd === 0);
  const seq = writes.nextSeq;
  const e = writes.add(op.id, op.k, val, w.now, 0, n.term);
  op.entry = e;
  op.seq = seq;
  op.term = n.term;
  op.value = op.cmd === 1 ? val : null;
  if (n.held.length > 0) {
    hold(n, op, e);
    return;
  }
  const index = append(sim, n, 0, op, e, n.term);
  if (index === REJECTED) return depose(sim, n, op);
  if (index === HELD) {
    hold(n, op, e);
    return;
  }
  setKey(n.data, op.k, e);
  accepted(sim, n, op, e, index);
}

/** The log took the append: the reply leaves when the entry commits. */
function accepted(sim: Simulation, n: NodeRec, op: Op, e: number, index: number): void {
  op.offset = index + 1;
  n.dirty[sim.w.writes.k[e]] = index;
  reply(sim, op, n.idx, sim.w.log.rows.commitT[index], -1);
}

function hold(n: NodeRec, op: Op, e: number): void {
  setKey(n.data, op.k, e);
  n.held.push(op);
  op.entry = e;
  n.dirty[op.k] = DIRTY_HELD;
}

function serveRead(sim: Simulation, n: NodeRec, op: Op): void {
  readInto(op, n, n.role === 'primary' ? 0 : replicaLagUs(sim, n), sim.w.writes);
}

/** Reads that waited for a held write learn its commit time once the log takes it. */
function releaseReads(sim: Simulation, n: NodeRec): void {
  if (n.readWaiters.length === 0) return;
  const keep: typeof n.readWaiters = [];
  for (const op of n.readWaiters) {
    const idx = n.dirty[op.k];
    if (idx === DIRTY_NONE || idx === DIRTY_HELD) keep.push(op);
    else reply(sim, op, n.idx, Math.max(sim.w.now, sim.w.log.rows.commitT[idx]), -1);
  }
  n.readWaiters = keep;
}

/** A primary that finds a newer term in the log steps down and rebuilds its memory from the log. */
function depose(sim: Simulation, n: NodeRec, op: Op | null): void {
  if (op) reply(sim, op, n.idx, sim.w.now, E.NOTLEADER);
  sim.trace({ type: 'note', t: sim.w.now, text: `${n.id} found a newer leader in the log and stepped down` });
  n.role = 'replica';
  sim.send(n.idx, { type: 'DEPOSED' });
}

/** Retry appends held back for lack of a quorum, in order. */
function retryHeld(sim: Simulation, n: NodeRec): void {
  while (n.held.length > 0) {
    const op = n.held[0];
    const e = op.entry;
    const index = append(sim, n, 0, op, e, sim.w.writes.term[e]);
    if (index === HELD) return;
    n.held.shift();
    if (index === REJECTED) {
      n.held = [];
      depose(sim, n, null);
      return;
    }
    accepted(sim, n, op, e, index);
  }
  releaseReads(sim, n);
}

// ---------------------------------------------------------------------------------------------------
// Replicas
// ---------------------------------------------------------------------------------------------------

/** Replicas read committed entries from the log; modelled lazily, without an event per entry. */
export function syncReplica(sim: Simulation, n: NodeRec): void {
  if (!REPLICA_STATES.has(n.slot.value) || n.linkStalled || !reachesRegion(sim.w, n.az)) return;
  const rows = sim.w.log.rows;
  const delay = ms(sim.p.durable.replicaPollMs) + meanOneWayUs(sim.p.network, n.az, n.az) + n.linkDelayUs;
  const horizon = sim.w.now - delay;
  // Called a few times a second, each time for hundreds of rows: too rarely for the optimising compiler,
  // so the loop keeps to locals, which unoptimised code reads without a property lookup.
  const end = rows.length;
  const commitT = rows.commitT;
  let i = n.logApplied;
  if (i >= end || commitT[i] > horizon) return;
  const data = n.data;
  const writes = sim.w.writes;
  do {
    applyRow(data, n, rows, writes, i);
    i++;
  } while (i < end && commitT[i] <= horizon);
  n.logApplied = i;
}

/** Apply log row i to a dataset: a write sets its key, a renewal or claim is a sign of a live leader. */
function applyRow(data: Dataset, n: NodeRec, rows: TxLog, writes: WriteLog, i: number): void {
  const e = rows.write[i];
  if (e >= 0) setKey(data, writes.k[e], e);
  else if (rows.sentT[i] > n.lastRenewSeen) n.lastRenewSeen = rows.sentT[i];
}

export function replicaLagUs(sim: Simulation, n: NodeRec): number {
  const log = sim.w.log;
  if (n.logApplied >= committedAt(log, sim.w.now)) return 0;
  return Math.max(0, sim.w.now - log.rows.commitT[n.logApplied]);
}

/**
 * How many log entries a replica has applied as of now, without applying them (the lazy catch-up that
 * syncReplica performs on demand), for pictures that must not change the model.
 */
export function visibleApplied(sim: Simulation, n: NodeRec): number {
  if (!REPLICA_STATES.has(n.slot.value) || n.linkStalled || !reachesRegion(sim.w, n.az)) return n.logApplied;
  const log = sim.w.log;
  const horizon = sim.w.now - (ms(sim.p.durable.replicaPollMs) + meanOneWayUs(sim.p.network, n.az, n.az) + n.linkDelayUs);
  return firstAbove(log.rows.commitT, horizon, n.logApplied, committedAt(log, sim.w.now));
}

function onReplicaCheck(sim: Simulation, idx: number): void {
  const w = sim.w;
  const n = w.nodes[idx];
  const d = sim.p.durable;
  // A little jitter keeps two replicas from campaigning at the same instant.
  sim.after(heartbeatUs(sim) * (0.9 + 0.2 * uniform(w.rng.control)), K.REPLICA_CHECK, idx, 0, 0, null);
  const st = n.slot.value;
  if (!REPLICA_STATES.has(st)) return;
  syncReplica(sim, n);
  const committed = advanceCommitted(w);
  const caughtUp = n.logApplied >= committed;
  if (st === 'lagging' && caughtUp) sim.send(idx, { type: 'CAUGHT_UP' });
  else if (st === 'caughtUp' && !caughtUp && committed - n.logApplied > 1000) sim.send(idx, { type: 'FELL_BEHIND' });
  if (n.slot.value !== 'caughtUp') return;
  const lastSign = Math.max(n.lastRenewSeen, n.followSince);
  if (w.now - lastSign < ms(d.leaseMs * d.backoffFactor)) return;
  if (copiesReachable(sim, n.az) < d.logQuorum) return;
  // No renewal seen for longer than the backoff: try to take over with a conditional append.
  const term = w.nextTerm++;
  sim.send(idx, { type: 'CAMPAIGN' });
  const index = append(sim, n, 2, null, -1, term);
  if (index < 0) sim.send(idx, { type: 'LOST_ELECTION' });
  else sim.trace({ type: 'note', t: w.now, text: `${n.id} campaigns for leadership (term ${term})` });
}

// ---------------------------------------------------------------------------------------------------
// Leases, monitor, snapshots
// ---------------------------------------------------------------------------------------------------

function onLeaseTick(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const n = w.nodes[e.a];
  if (n.inc !== e.c || isDown(n)) return;
  const st = n.slot.value;
  if (st !== 'primary' && st !== 'leaseExpired') return;
  sim.after(heartbeatUs(sim), K.LEASE_TICK, n.idx, 0, n.inc, null);
  if (st === 'primary' && w.now >= n.leaseUntil) {
    sim.send(n.idx, { type: 'LEASE_EXPIRED' });
  }
  retryHeld(sim, n);
  if (n.slot.value !== 'primary' && n.slot.value !== 'leaseExpired') return;
  const r = append(sim, n, 1, null, -1, n.term);
  if (r === REJECTED) depose(sim, n, null);
}

function onMonitorTick(sim: Simulation): void {
  const w = sim.w;
  sim.after(ms(sim.p.durable.monitorPollMs), K.MONITOR_TICK, 0, 0, 0, null);
  // The monitor restarts failed processes and replaces lost hosts; either way the node restores itself
  // from the newest snapshot plus the log. [P §4.2]
  for (const n of w.nodes) if (n.slot.value === 'down' && reachesRegion(w, n.az)) sim.send(n.idx, { type: 'RESTART' });
}

function onRestoreDone(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const n = w.nodes[e.a];
  if (n.inc !== e.c || n.slot.value !== 'restoring') return;
  const log = w.log;
  const data = emptyDataset(sim.spec.workload.keys);
  n.lastRenewSeen = 0;
  advanceCommitted(w);
  for (let i = 0; i < log.committed; i++) applyRow(data, n, log.rows, w.writes, i);
  n.data = data;
  n.logApplied = log.committed;
  n.followSince = w.now;
  n.role = 'replica';
  sim.send(n.idx, { type: 'RESTORED' });
}

export function onEvent(sim: Simulation, e: Ev): void {
  switch (e.kind) {
    case K.LOG_COMMIT:
      return onCommit(sim, e.a);
    case K.LEASE_TICK:
      return onLeaseTick(sim, e);
    case K.REPLICA_CHECK:
      return onReplicaCheck(sim, e.a);
    case K.MONITOR_TICK:
      return onMonitorTick(sim);
    case K.RESTORE_DONE:
      return onRestoreDone(sim, e);
    case K.SNAPSHOT_TICK: {
      sim.after(sim.p.durable.snapshotIntervalS * 1e6, K.SNAPSHOT_TICK, 0, 0, 0, null);
      sim.w.log.snapshotIndex = advanceCommitted(sim.w);
      sim.trace({ type: 'snapshot', t: sim.w.now, index: sim.w.log.committed });
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Lifecycle hooks
// ---------------------------------------------------------------------------------------------------

export function onNodeAction(sim: Simulation, idx: number, type: string, params: Record<string, unknown>, prev: string): void {
  if (type !== 'entered') return;
  const w = sim.w;
  const n = w.nodes[idx];
  const state = params.state as string;
  sim.trace({ type: 'node-state', t: w.now, node: n.id, state });
  const wasUp = prev !== 'down' && prev !== 'off' && prev !== 'rebooting';
  if (wasUp && (state === 'down' || state === 'off' || state === 'rebooting')) {
    n.inc++;
    n.deathT = w.now;
    n.deathWasHost = state !== 'down';
    clearMemory(sim, n);
  }
  if (state === 'restoring') {
    if (wasUp) clearMemory(sim, n);
    n.role = 'replica';
    const srv = sim.p.server;
    // Newest snapshot, then replay of the log after it. [P §4.2]
    const restoreMs = (srv.datasetGB * 1000) / srv.loadGBps + 200;
    sim.after(ms(restoreMs), K.RESTORE_DONE, idx, 0, n.inc, null);
  }
  if (state === 'leaseExpired') sim.trace({ type: 'writes-refused', t: w.now, node: n.id, reason: 'lease expired' });
  if (state === 'primary' && prev === 'leaseExpired') sim.trace({ type: 'writes-accepted', t: w.now, node: n.id });
  if (state === 'restoring' || state === 'lagging') {
    // nothing else: replicas find their way through REPLICA_CHECK
  }
}

function clearMemory(sim: Simulation, n: NodeRec): void {
  n.data = emptyDataset(sim.spec.workload.keys);
  n.dirty = emptyDirty(sim.spec.workload.keys);
  n.held = [];
  n.readWaiters = [];
  n.leaseUntil = 0;
  n.logApplied = 0;
  n.role = 'replica';
}

/** After a network fault: a primary may now reach a quorum again for held appends. */
export function onTopologyChange(sim: Simulation): void {
  for (const n of sim.w.nodes) if (n.held.length > 0 && !isDown(n)) retryHeld(sim, n);
}

export { fmtS };
