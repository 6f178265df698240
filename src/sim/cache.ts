// The cache-style design (ElastiCache / open-source Redis), model.md §2.1: the primary applies a write and
// replies, then streams it to replicas; persistence is node-local (AOF, RDB) plus backups; a control plane
// detects a failed primary and promotes the least-lagged reachable replica. Per-write work is plain code;
// lifecycles are the XState machines in ./machines.
import { copyDataset, emptyDataset, setKey, type Dataset } from './dataset';
import { E, reply, settleWaitShort } from './clients';
import { canTalk, oneWayUs, reachesRegion } from './network';
import { uniform } from './rng';
import { entryAt, offsetAt, replay } from './lineage';
import { readInto } from './reads';
import { writtenValue } from './writes';
import { K, type Ev, type NodeRec, type Op, type Stream } from './world';
import type { Simulation } from './engine';

const WAIT_SHORT = 6;
const ms = (x: number) => Math.round(x * 1000);
const fmtS = (us: number) => `${(us / 1e6).toFixed(3)} s`;

export function start(sim: Simulation): void {
  const { w, p } = sim;
  sim.trace({ type: 'term', t: 0, node: w.nodes[0].id, term: 1, fromTerm: null, forkOffset: 0, cause: 'initial' });
  for (const n of w.nodes) {
    // Every node ticks, since any node can become a replica. Staggered so they do not land together.
    sim.after(ms(p.cache.replicaAckPeriodMs) * ((n.idx + 1) / (w.nodes.length + 1)), K.REPLICA_TICK, n.idx, 0, 0, null);
    if (p.cache.aof.enabled && p.cache.aof.fsync !== 'always') {
      const period = p.cache.aof.fsync === 'everysec' ? 1000 : p.cache.aof.osFlushMs;
      sim.after(ms(period), K.FSYNC_TICK, n.idx, 0, 0, null);
    }
    if (p.cache.rdb.everyS > 0) sim.after(p.cache.rdb.everyS * 1e6, K.RDB_TICK, n.idx, 0, 0, null);
  }
  if (p.cache.failover.mode !== 'none') sim.after(1e6, K.HEALTH_TICK, 0, 0, 0, null);
  if (p.cache.backup.enabled) sim.at(Math.round(p.cache.backup.firstAtS * 1e6), K.BACKUP_TICK, 0, 0, 0, null);
}

// ---------------------------------------------------------------------------------------------------
// Node states
// ---------------------------------------------------------------------------------------------------

export function processRunning(sim: Simulation, n: NodeRec): boolean {
  const s = n.slot.value;
  return s === 'serving' || s === 'syncing' || s === 'loading';
}

function hostUp(n: NodeRec): boolean {
  const s = n.slot.value;
  return s !== 'off' && s !== 'replacing' && s !== 'rebooting';
}

// ---------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------

export function needsWait(sim: Simulation, op: Op): boolean {
  return op.stage === 0 && sim.p.cache.waitReplicas > 0;
}

export function onRequest(sim: Simulation, op: Op, idx: number): void {
  const w = sim.w;
  const n = w.nodes[idx];
  const st = n.slot.value;
  if (!hostUp(n)) return; // nobody answers: the client times out
  if (st === 'down') return reply(sim, op, idx, w.now, E.CONNREFUSED);
  if (st === 'loading') return reply(sim, op, idx, w.now, E.LOADING);
  if (op.stage === 1) return onWait(sim, n, op);
  const finish = Math.max(w.now, n.busyUntil) + sim.p.server.commandUs;
  if (op.cmd === 2) {
    if (st === 'syncing') return reply(sim, op, idx, w.now, E.LOADING);
    if (n.role === 'primary' && refusal(sim, n, false) >= 0) return reply(sim, op, idx, w.now, E.CLUSTERDOWN);
    n.busyUntil = finish;
    readInto(op, n, n.role === 'primary' ? 0 : replicaLagUs(sim, n), sim.w.writes);
    return reply(sim, op, idx, finish, -1);
  }
  if (n.role !== 'primary') return reply(sim, op, idx, w.now, E.READONLY);
  const refused = refusal(sim, n, true);
  if (refused >= 0) return reply(sim, op, idx, w.now, refused);
  n.busyUntil = finish;
  applyWrite(sim, n, op);
  const aof = sim.p.cache.aof;
  const stalledEverysec = aof.enabled && aof.fsync === 'everysec' && n.fsyncBusy && w.now - n.fsyncStartT > 2e6;
  if (aof.enabled && (aof.fsync === 'always' || stalledEverysec)) {
    // appendfsync always: the reply leaves after the fsync that covers it (one fsync serves a batch).
    // everysec: Redis delays writes once a background fsync has been pending for over 2 s.
    n.fsyncWaiters.push({ op, idx: n.applied });
    if (!n.fsyncBusy && aof.fsync === 'always') startFsync(sim, n);
    return;
  }
  reply(sim, op, idx, finish, -1);
}

/** Error code if this primary refuses writes (or reads, for the cut-off case), else −1. */
function refusal(sim: Simulation, n: NodeRec, isWrite: boolean): number {
  const w = sim.w;
  const f = sim.p.cache.failover;
  let code = -1;
  let why = '';
  if (f.isolatedPrimaryStopsAfterMs !== null && n.cutOffSince >= 0 && w.now - n.cutOffSince >= ms(f.isolatedPrimaryStopsAfterMs)) {
    code = E.CLUSTERDOWN;
    why = 'cut off from the majority for longer than the node timeout';
  } else if (isWrite && sim.p.cache.minReplicasToWrite > 0) {
    if (n.goodReplicas < sim.p.cache.minReplicasToWrite) {
      code = E.NOREPLICAS;
      why = `fewer than ${sim.p.cache.minReplicasToWrite} replica(s) acknowledged within ${sim.p.cache.minReplicasMaxLagS} s`;
    }
  }
  if (isWrite) {
    if (code >= 0 && n.writesRefused !== why) sim.trace({ type: 'writes-refused', t: w.now, node: n.id, reason: why });
    if (code < 0 && n.writesRefused !== '') sim.trace({ type: 'writes-accepted', t: w.now, node: n.id });
    n.writesRefused = code >= 0 ? why : '';
  }
  return code;
}

function applyWrite(sim: Simulation, n: NodeRec, op: Op): void {
  const w = sim.w;
  const writes = w.writes;
  const val = writtenValue(writes, n.data.vals[op.k], op.cmd === 0);
  const seq = writes.nextSeq;
  // RESP size of the propagated command, which is what replication offsets count.
  const size = 32 + sim.keyName(op.k).length + (op.cmd === 0 ? sim.spec.workload.valueBytes : 0);
  const off = n.offset + size;
  const stream = w.streams[n.stream];
  const entry = writes.add(op.id, op.k, val, w.now, off, n.term, n.stream, stream.base + stream.entries.length);
  stream.entries.push(entry);
  op.entry = entry;
  n.applied++;
  n.offset = off;
  setKey(n.data, op.k, entry);
  op.offset = off;
  op.seq = seq;
  op.term = n.term;
  op.value = op.cmd === 1 ? val : null;
  if (sim.p.cache.aof.enabled) n.aofWritten = n.applied;
  n.rdbChanges++;
  for (const r of w.nodes) {
    if (r.upstream === n.idx && r.idx !== n.idx && (r.link === 'online' || r.link === 'syncing') && !r.linkStalled) {
      sendEntry(sim, n, r, n.applied - 1, entry);
    }
  }
}

function sendEntry(sim: Simulation, p: NodeRec, r: NodeRec, index: number, entry: number): void {
  const w = sim.w;
  // An injected link delay holds data in a queue at the sender's side (a delaying proxy): what is still
  // queued when the primary dies never leaves.
  const leave = w.now + r.linkDelayUs + ms(sim.p.cache.replicationDelayMs);
  let arrive = leave + oneWayUs(w.rng.network, sim.p.network, p.az, r.az);
  if (arrive < r.lastArrival) arrive = r.lastArrival;
  r.lastArrival = arrive;
  sim.atInOrder(r.idx, arrive, K.REPL_DELIVER, r.idx, index, leave, entry, r.conn);
}

/** How far behind its primary a replica is, in time: age of the oldest write it has not applied. */
export function replicaLagUs(sim: Simulation, r: NodeRec): number {
  const w = sim.w;
  if (r.upstream < 0) return 0;
  const p = w.nodes[r.upstream];
  if (p.role !== 'primary' || p.stream < 0 || r.applied >= p.applied) return 0;
  if (r.stream !== p.stream && r.link !== 'online') return 0;
  const next = entryAt(w.streams, p.stream, r.applied);
  return next !== undefined ? Math.max(0, w.now - w.writes.t[next]) : 0;
}

// ---------------------------------------------------------------------------------------------------
// WAIT
// ---------------------------------------------------------------------------------------------------

function onWait(sim: Simulation, p: NodeRec, op: Op): void {
  const w = sim.w;
  if (p.role !== 'primary' || p.slot.value !== 'serving') return reply(sim, op, p.idx, w.now, WAIT_SHORT);
  if (countAcked(sim, p, op.offset) >= sim.p.cache.waitReplicas) return reply(sim, op, p.idx, w.now + sim.p.server.commandUs, -1);
  p.waitOps.push(op);
  sim.after(ms(sim.p.cache.waitTimeoutMs), K.WAIT_TIMEOUT, p.idx, p.inc, 0, op);
  // WAIT makes the primary ask its replicas for their offsets right away (REPLCONF GETACK).
  for (const r of w.nodes) {
    if (r.upstream !== p.idx || r.link !== 'online' || r.linkStalled) continue;
    let arrive = w.now + r.linkDelayUs + oneWayUs(w.rng.network, sim.p.network, p.az, r.az);
    if (arrive < r.lastArrival) arrive = r.lastArrival;
    r.lastArrival = arrive;
    sim.at(arrive, K.GETACK, r.idx, 0, 0, null, r.conn);
  }
}

function countAcked(sim: Simulation, p: NodeRec, offset: number): number {
  let c = 0;
  for (const r of sim.w.nodes) if (r.idx !== p.idx && r.upstream === p.idx && p.ackOffset[r.idx] >= offset) c++;
  return c;
}

function releaseWaits(sim: Simulation, p: NodeRec): void {
  if (p.waitOps.length === 0) return;
  const keep: Op[] = [];
  for (const op of p.waitOps) {
    if (op.done) continue;
    if (countAcked(sim, p, op.offset) >= sim.p.cache.waitReplicas) reply(sim, op, p.idx, sim.w.now, -1);
    else keep.push(op);
  }
  p.waitOps = keep;
}

// ---------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------

export function onEvent(sim: Simulation, e: Ev): void {
  switch (e.kind) {
    case K.REPL_DELIVER:
      return onDeliver(sim, e);
    case K.REPL_ACK:
      return onAck(sim, e);
    case K.GETACK:
      return onGetAck(sim, e);
    case K.REPLICA_TICK:
      return onReplicaTick(sim, e.a);
    case K.PSYNC_BATCH:
      return onPsyncBatch(sim, e);
    case K.FULLSYNC_DONE:
      return onFullSyncDone(sim, e);
    case K.FSYNC_DONE:
      return onFsyncDone(sim, e);
    case K.FSYNC_TICK:
      return onFsyncTick(sim, e.a);
    case K.LOAD_DONE:
      return onLoadDone(sim, e);
    case K.HEALTH_TICK:
      return onHealthTick(sim);
    case K.BACKUP_TICK:
      return onBackupTick(sim);
    case K.RDB_TICK:
      return onRdbTick(sim, e.a);
    case K.WAIT_TIMEOUT: {
      const p = sim.w.nodes[e.a];
      const op = e.ref as Op;
      const i = p.waitOps.indexOf(op);
      if (i < 0 || op.done) return;
      p.waitOps.splice(i, 1);
      if (p.inc === e.b) reply(sim, op, p.idx, sim.w.now, WAIT_SHORT);
      return;
    }
  }
}

/**
 * How many of the replication messages on their way to r it will apply, as things stand: those that
 * follow on from what it has applied without a gap, on its current connection, from a sender whose death
 * (if it died) came after they left. A process crash does not take back what the kernel already sent;
 * a host that dies takes what is still on the wire. Each one's fate is decided here as onDeliver would
 * decide it on arrival if nothing changed before then; a later fault that changes it is an event of its own.
 * leftOnly: only those that have left the sender (on the wire), not those still in its outbound buffer.
 */
export function deliveriesArriving(sim: Simulation, r: NodeRec, leftOnly = false): number {
  const w = sim.w;
  if (r.link !== 'online' || r.upstream < 0 || r.slot.value !== 'serving') return 0;
  const p = w.nodes[r.upstream];
  if (!canTalk(w, p.az, r.az)) return 0;
  const indexes: number[] = [];
  const take = (e: Ev) => {
    if (e.kind !== K.REPL_DELIVER || e.a !== r.idx || e.d !== r.conn) return;
    if (leftOnly && e.c > w.now) return; // still in the sender's outbound buffer
    if (p.inc !== r.connInc && (p.deathWasHost ? p.deathT <= w.now : p.deathT <= e.c)) return;
    indexes.push(e.b);
  };
  for (const e of w.heap.items) take(e);
  const line = w.lines[r.idx];
  for (let i = line.head; i < line.waiting.length; i++) take(line.waiting[i]);
  indexes.sort((a, b) => a - b);
  let next = r.applied;
  for (const i of indexes) if (i === next) next++;
  return next - r.applied;
}

/** The replication connection r holds is still the one this message travelled on, and its sender lived. */
function linkAlive(sim: Simulation, r: NodeRec, conn: number, leave: number): boolean {
  const w = sim.w;
  if (r.conn !== conn || r.upstream < 0 || r.slot.value !== 'serving') return false;
  const p = w.nodes[r.upstream];
  if (p.inc !== r.connInc) {
    const lostInFlight = p.deathWasHost ? p.deathT <= w.now : p.deathT <= leave;
    if (lostInFlight) return false;
  }
  if (!canTalk(w, p.az, r.az)) {
    r.link = 'down';
    return false;
  }
  return true;
}

function onDeliver(sim: Simulation, e: Ev): void {
  const r = sim.w.nodes[e.a];
  if (r.link !== 'online' || !linkAlive(sim, r, e.d, e.c)) return;
  const entry = e.ref as number;
  if (e.b < r.applied) return;
  if (e.b > r.applied) {
    r.link = 'down'; // a gap: something was lost on the way, resynchronise on the next tick
    return;
  }
  const writes = sim.w.writes;
  setKey(r.data, writes.k[entry], entry);
  r.applied++;
  r.offset = writes.off[entry];
  if (sim.p.cache.aof.enabled) r.aofWritten = r.applied;
  r.rdbChanges++;
}

function onGetAck(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const r = w.nodes[e.a];
  if (r.link !== 'online' || !linkAlive(sim, r, e.d, w.now)) return;
  sendAck(sim, r);
}

function sendAck(sim: Simulation, r: NodeRec): void {
  const p = sim.w.nodes[r.upstream];
  sim.after(oneWayUs(sim.w.rng.network, sim.p.network, r.az, p.az), K.REPL_ACK, p.idx, r.idx, r.offset, null, p.inc);
}

function onAck(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const p = w.nodes[e.a];
  const r = w.nodes[e.b];
  if (p.inc !== e.d || p.role !== 'primary' || !canTalk(w, p.az, r.az) || !processRunning(sim, p)) return;
  if (e.c > p.ackOffset[r.idx] || r.upstream === p.idx) p.ackOffset[r.idx] = e.c;
  p.ackT[r.idx] = w.now;
  releaseWaits(sim, p);
}

function onReplicaTick(sim: Simulation, idx: number): void {
  const w = sim.w;
  const r = w.nodes[idx];
  sim.after(ms(sim.p.cache.replicaAckPeriodMs), K.REPLICA_TICK, idx, 0, 0, null);
  if (r.role === 'primary') recountGoodReplicas(sim, r);
  if (r.slot.value !== 'serving' || r.role === 'primary') return;
  // Replicas that can hear the control plane (or the cluster bus) follow whoever it names as primary.
  if (reachesRegion(w, r.az) && w.primary !== r.upstream && w.primary !== r.idx) {
    r.upstream = w.primary;
    r.link = 'down';
  }
  if (r.upstream < 0) return;
  const p = w.nodes[r.upstream];
  if (r.link === 'online') {
    if (!canTalk(w, p.az, r.az) || !processRunning(sim, p) || p.inc !== r.connInc || p.role !== 'primary') r.link = 'down';
    else if (!r.linkStalled) sendAck(sim, r);
  }
  if (r.link === 'down' && !r.linkStalled && canTalk(w, p.az, r.az) && p.slot.value === 'serving' && p.role === 'primary') {
    startSync(sim, p, r);
  }
}

/**
 * min-replicas-to-write as Redis 7.0 does it: once a second the primary counts the replicas whose last
 * REPLCONF ACK is at most min-replicas-max-lag whole seconds old (ACK times are kept in whole seconds),
 * and writes are refused while that count is short. [R-REPL, calibrated against redis-server 7.0]
 */
function recountGoodReplicas(sim: Simulation, p: NodeRec): void {
  const w = sim.w;
  const nowS = Math.floor(w.now / 1e6);
  let good = 0;
  for (const r of w.nodes) {
    const ack = p.ackT[r.idx];
    if (r.idx !== p.idx && r.upstream === p.idx && ack >= 0 && nowS - Math.floor(ack / 1e6) <= sim.p.cache.minReplicasMaxLagS) good++;
  }
  p.goodReplicas = good;
}

/** PSYNC works when the replica's history is a prefix of the primary's within the backlog (model.md §2.1). */
function canPartial(sim: Simulation, p: NodeRec, r: NodeRec): boolean {
  const streams = sim.w.streams;
  if (r.stream < 0 || p.stream < 0) return false;
  let limit = p.applied;
  let hops = 0;
  for (let s = p.stream; s >= 0; ) {
    if (s === r.stream) return r.applied <= limit && p.offset - r.offset <= sim.p.cache.backlogBytes;
    const st = streams[s];
    // A promoted replica keeps its old replication id (one generation), a restarted node does not.
    if (st.cause !== 'promotion' || hops++ >= 1) return false;
    limit = Math.min(limit, st.base);
    s = st.parent;
  }
  return false;
}

function startSync(sim: Simulation, p: NodeRec, r: NodeRec): void {
  const w = sim.w;
  r.conn = w.nextConn++;
  r.connInc = p.inc;
  const rtt = oneWayUs(w.rng.network, sim.p.network, r.az, p.az) + oneWayUs(w.rng.network, sim.p.network, p.az, r.az);
  if (canPartial(sim, p, r)) {
    r.link = 'online';
    r.stream = p.stream;
    const arrive = Math.max(w.now + rtt, r.lastArrival);
    r.lastArrival = arrive;
    sim.at(arrive, K.PSYNC_BATCH, r.idx, p.applied, 0, null, r.conn);
    sim.trace({ type: 'resync', t: w.now, node: r.id, kind: 'partial', term: p.term, offset: r.offset });
    return;
  }
  // Full sync: fork (stalls the primary), send the RDB, the replica loads it while blocked.
  const srv = sim.p.server;
  p.busyUntil = Math.max(w.now, p.busyUntil) + Math.round(srv.forkMsPerGB * srv.datasetGB * 1000);
  const transferUs = rtt + Math.round((2 * srv.datasetGB * 1e6) / srv.loadGBps);
  r.link = 'syncing';
  r.lastArrival = w.now + transferUs;
  sim.at(w.now + transferUs, K.FULLSYNC_DONE, r.idx, p.applied, p.offset, { data: copyDataset(p.data), stream: p.stream }, r.conn);
  sim.send(r.idx, { type: 'SYNC_START' });
  sim.trace({ type: 'resync', t: w.now, node: r.id, kind: 'full', term: p.term, offset: p.offset });
}

function onPsyncBatch(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const r = w.nodes[e.a];
  if (r.link !== 'online' || !linkAlive(sim, r, e.d, w.now)) return;
  const p = w.nodes[r.upstream];
  for (let i = r.applied; i < e.b; i++) {
    const entry = entryAt(w.streams, p.stream, i);
    setKey(r.data, w.writes.k[entry], entry);
    r.offset = w.writes.off[entry];
  }
  if (e.b > r.applied) r.applied = e.b;
  if (sim.p.cache.aof.enabled) r.aofWritten = r.applied;
}

function onFullSyncDone(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const r = w.nodes[e.a];
  if (r.conn !== e.d || r.link !== 'syncing' || r.slot.value !== 'syncing') return;
  const snap = e.ref as { data: Dataset; stream: number };
  r.data = snap.data;
  r.stream = snap.stream;
  r.applied = e.b;
  r.offset = e.c;
  r.aofWritten = r.aofFsynced = r.applied; // the AOF is rewritten from the loaded data
  r.link = 'online';
  sim.send(r.idx, { type: 'SYNC_DONE' });
}

// ---------------------------------------------------------------------------------------------------
// Persistence
// ---------------------------------------------------------------------------------------------------

function startFsync(sim: Simulation, n: NodeRec): void {
  const w = sim.w;
  n.fsyncBusy = true;
  n.fsyncStartT = w.now;
  const done = Math.max(w.now + ms(sim.p.server.fsyncMs), n.fsyncStallUntil);
  sim.at(done, K.FSYNC_DONE, n.idx, n.aofWritten, n.inc, null);
}

function onFsyncDone(sim: Simulation, e: Ev): void {
  const n = sim.w.nodes[e.a];
  if (n.inc !== e.c) return;
  n.fsyncBusy = false;
  if (e.b > n.aofFsynced) n.aofFsynced = e.b;
  if (n.fsyncWaiters.length > 0) {
    const keep: typeof n.fsyncWaiters = [];
    for (const wt of n.fsyncWaiters) {
      if (wt.idx <= n.aofFsynced) reply(sim, wt.op, n.idx, sim.w.now, -1);
      else keep.push(wt);
    }
    n.fsyncWaiters = keep;
    if (keep.length > 0) startFsync(sim, n);
  }
}

function onFsyncTick(sim: Simulation, idx: number): void {
  const n = sim.w.nodes[idx];
  const aof = sim.p.cache.aof;
  sim.after(ms(aof.fsync === 'everysec' ? 1000 : aof.osFlushMs), K.FSYNC_TICK, idx, 0, 0, null);
  if (!processRunning(sim, n)) return;
  if (aof.fsync === 'no') {
    if (sim.w.now >= n.fsyncStallUntil) n.aofFsynced = n.aofWritten; // the kernel's periodic writeback
    return;
  }
  if (!n.fsyncBusy && n.aofWritten > n.aofFsynced) startFsync(sim, n);
}

function onRdbTick(sim: Simulation, idx: number): void {
  const n = sim.w.nodes[idx];
  const rdb = sim.p.cache.rdb;
  sim.after(rdb.everyS * 1e6, K.RDB_TICK, idx, 0, 0, null);
  if (n.slot.value !== 'serving' || n.rdbChanges < rdb.minChanges || n.stream < 0) return;
  // BGSAVE: the fork stalls the node; the file then holds the data as of the fork. (Writing it takes
  // time in reality; the model makes it available at once, which can only understate RDB's loss.)
  const srv = sim.p.server;
  n.busyUntil = Math.max(sim.w.now, n.busyUntil) + Math.round(srv.forkMsPerGB * srv.datasetGB * 1000);
  n.rdb = { stream: n.stream, applied: n.applied, offset: n.offset };
  n.rdbChanges = 0;
}

function onBackupTick(sim: Simulation): void {
  const w = sim.w;
  sim.after(sim.p.cache.backup.intervalS * 1e6, K.BACKUP_TICK, 0, 0, 0, null);
  const p = w.nodes[w.primary];
  if (p.slot.value !== 'serving' || p.role !== 'primary' || p.stream < 0) return;
  w.backups.push({ t: w.now, stream: p.stream, applied: p.applied, offset: p.offset, term: p.term });
  sim.trace({ type: 'backup', t: w.now, offset: p.offset, term: p.term });
}

// ---------------------------------------------------------------------------------------------------
// Lifecycle hooks (entry actions of the node machine)
// ---------------------------------------------------------------------------------------------------

export function onNodeAction(sim: Simulation, idx: number, type: string, params: Record<string, unknown>, prev: string): void {
  if (type !== 'entered') return;
  const w = sim.w;
  const n = w.nodes[idx];
  const state = params.state as string;
  sim.trace({ type: 'node-state', t: w.now, node: n.id, state });
  const wasRunning = prev === 'serving' || prev === 'syncing' || prev === 'loading';
  if (wasRunning && (state === 'down' || state === 'rebooting' || state === 'off' || state === 'replacing')) {
    die(sim, n, state !== 'down');
  }
  if (state === 'replacing') n.diskLost = true;
  if (state === 'loading') beginLoad(sim, n);
}

function die(sim: Simulation, n: NodeRec, hostToo: boolean): void {
  const w = sim.w;
  n.inc++;
  n.deathT = w.now;
  n.deathWasHost = hostToo;
  n.data = emptyDataset(sim.spec.workload.keys);
  n.busyUntil = w.now;
  n.fsyncBusy = false;
  n.fsyncWaiters = [];
  n.waitOps = [];
  n.link = 'down';
  // The OS page cache survives a process crash but not a reboot or a power cut.
  if (hostToo) {
    n.pageCacheLost = true;
    n.aofWritten = n.aofFsynced;
  }
}

interface LoadSource {
  kind: 'empty' | 'aof' | 'rdb' | 'backup';
  stream: number;
  applied: number;
  backupT: number;
}

/**
 * How much longer than an RDB file of the same data a pure command-log AOF takes to load. Replay costs per
 * command, so small values make it slow and large ones fast. An empirical fit to Redis 7.0.15 on
 * random values (calibration experiment 6): ≈ 2.2× at 100 bytes, 1.2× at 1 KB, 0.8× at 4 KB.
 */
export function commandLogLoadFactor(valueBytes: number): number {
  const f = 3.95 - 0.38 * Math.log(Math.max(1, valueBytes));
  return Math.min(4, Math.max(0.6, f));
}

function beginLoad(sim: Simulation, n: NodeRec): void {
  const w = sim.w;
  const p = sim.p;
  let src: LoadSource = { kind: 'empty', stream: -1, applied: 0, backupT: 0 };
  if (!n.diskLost && n.stream >= 0) {
    if (p.cache.aof.enabled) src = { kind: 'aof', stream: n.stream, applied: n.pageCacheLost ? n.aofFsynced : n.aofWritten, backupT: 0 };
    else if (n.rdb) src = { kind: 'rdb', stream: n.rdb.stream, applied: n.rdb.applied, backupT: 0 };
  }
  const others = w.nodes.some((o) => o.idx !== n.idx && processRunning(sim, o) && o.data.size > 0);
  const last = w.backups[w.backups.length - 1];
  if ((src.kind === 'empty' || src.applied === 0) && p.cache.failover.restoreBackupOnTotalLoss && w.primary === n.idx && !others && last) {
    src = { kind: 'backup', stream: last.stream, applied: last.applied, backupT: last.t };
  }
  const rdbMs = (p.server.datasetGB * 1000) / p.server.loadGBps;
  const aofFactor = p.cache.aof.rdbPreamble ? 1 : commandLogLoadFactor(sim.spec.workload.valueBytes);
  const loadMs = src.kind === 'empty' ? 100 : src.kind === 'aof' ? rdbMs * aofFactor : rdbMs;
  sim.after(ms(loadMs), K.LOAD_DONE, n.idx, 0, n.inc, src);
}

function onLoadDone(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const n = w.nodes[e.a];
  if (n.inc !== e.c || n.slot.value !== 'loading') return;
  const src = e.ref as LoadSource;
  const previousStream = n.stream;
  n.data = replay(w.streams, w.writes, src.stream, src.applied, sim.spec.workload.keys);
  n.stream = src.kind === 'empty' ? -1 : src.stream;
  n.applied = src.kind === 'empty' ? 0 : src.applied;
  n.offset = offsetAt(w.streams, w.writes, n.stream, n.applied);
  n.aofWritten = n.aofFsynced = n.applied;
  n.diskLost = false;
  n.pageCacheLost = false;
  n.rdbChanges = 0;
  n.cutOffSince = reachesRegion(w, n.az) ? -1 : w.now;
  if (w.primary === n.idx) {
    // No failover happened: the control plane still points at this node, so it serves as primary with
    // whatever it loaded, under a new replication id. Replicas will copy it, however little it holds.
    const what =
      src.kind === 'empty'
        ? `${n.id} restarted at ${fmtS(w.now)} with no persistence and came back empty`
        : src.kind === 'backup'
          ? `the cluster was restored at ${fmtS(w.now)} from the backup taken at ${fmtS(src.backupT)} (offset ${n.offset})`
          : `${n.id} restarted at ${fmtS(w.now)} and loaded its ${src.kind.toUpperCase()} only up to offset ${n.offset}`;
    // An empty restart still descends from the history it forgot (keeping none of it), which is what
    // lets the lost writes name this restart as their cause.
    if (src.kind === 'empty') n.stream = previousStream;
    forkAsPrimary(sim, n, src.kind === 'backup' ? 'restore-backup' : 'restart', what);
  } else {
    n.role = 'replica';
    n.upstream = w.primary;
    n.link = 'down';
  }
  sim.send(n.idx, { type: 'LOADED' });
}

/** Make n the primary of a new branch of history that keeps its current position. */
function forkAsPrimary(sim: Simulation, n: NodeRec, cause: Stream['cause'], why: string): void {
  const w = sim.w;
  const fromTerm = n.stream >= 0 ? w.streams[n.stream].term : null;
  const term = w.nextTerm++;
  const s: Stream = {
    id: w.streams.length,
    parent: n.stream,
    base: n.stream >= 0 ? n.applied : 0,
    baseOffset: n.offset,
    entries: [],
    term,
    cause,
    why,
    t: w.now,
    node: n.idx,
  };
  w.streams.push(s);
  n.stream = s.id;
  if (s.parent < 0) {
    n.applied = 0;
    n.offset = 0;
  }
  n.term = term;
  n.role = 'primary';
  n.upstream = -1;
  n.link = 'down';
  n.ackOffset.fill(0);
  n.ackT.fill(-1); // no replica has acknowledged this new primary yet
  n.goodReplicas = 0;
  sim.trace({ type: 'term', t: w.now, node: n.id, term, fromTerm, forkOffset: n.offset, cause });
  sim.trace({ type: 'role', t: w.now, node: n.id, role: 'primary' });
}

// ---------------------------------------------------------------------------------------------------
// Failover control plane
// ---------------------------------------------------------------------------------------------------

function onHealthTick(sim: Simulation): void {
  const w = sim.w;
  sim.after(1e6, K.HEALTH_TICK, 0, 0, 0, null);
  const p = w.nodes[w.primary];
  const alive = reachesRegion(w, p.az) && processRunning(sim, p);
  if (alive) sim.send(-1, { type: 'PRIMARY_OK' });
  else {
    const f = sim.p.cache.failover;
    // Redis Cluster replicas wait 0.5 s plus a random 0–0.5 s before asking for votes. [R-CSPEC]
    const jitter = f.mode === 'cluster' ? 500 + uniform(w.rng.control) * 500 : 0;
    sim.send(-1, { type: 'PRIMARY_UNREACHABLE', promotionMs: f.promotionMs + jitter });
  }
  // A former primary that can hear the majority again learns it was replaced and becomes a replica; the
  // full resync that follows throws away whatever it acknowledged alone.
  for (const n of w.nodes) {
    if (n.idx !== w.primary && n.role === 'primary' && reachesRegion(w, n.az) && processRunning(sim, n)) {
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
  let best: NodeRec | null = null;
  for (const r of w.nodes) {
    if (r.idx === w.primary || r.role === 'primary' || r.slot.value !== 'serving' || !reachesRegion(w, r.az) || r.stream < 0) continue;
    if (!best || r.offset > best.offset) best = r;
  }
  if (!best) {
    sim.deferSend(-1, { type: 'NO_CANDIDATE' });
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
  for (const n of w.nodes) {
    if (reachesRegion(w, n.az)) n.cutOffSince = -1;
    else if (n.cutOffSince < 0) n.cutOffSince = w.now;
  }
}
