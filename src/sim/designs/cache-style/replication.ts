// Asynchronous replication (model.md §2.1): the primary streams each applied write to its replicas on
// one in-order connection each; replicas acknowledge their offset periodically (REPLCONF ACK); a replica
// that lost its link resynchronises, partially from the backlog when its history allows, else in full.
import { copyDataset, setKey } from '../../dataset';
import { canTalk, oneWayUs, reachesRegion } from '../../network';
import type { Ev } from '../../world';
import type { Simulation } from '../../engine';
import type { PresetParams } from '../../types';
import { CACHE_KIND, FullSyncDone, GetAck, NodeTick, PsyncBatch, ReplAck, ReplDeliver } from './events';
import { entryAt } from './lineage';
import { nodeAt, nodesOf, processRunning, sendNode, type CacheNode } from './node';
import { releaseWaits } from './wait';

const ms = (x: number) => Math.round(x * 1000);

export function sendEntry(sim: Simulation, p: CacheNode, r: CacheNode, index: number, entry: number): void {
  const w = sim.w;
  // An injected link delay holds data in a queue at the sender's side (a delaying proxy): what is still
  // queued when the primary dies never leaves.
  const leave = w.now + r.linkDelayUs + ms(sim.p.cache.replicationDelayMs);
  let arrive = leave + oneWayUs(w.rng.network, sim.p.network, p.az, r.az);
  if (arrive < r.lastArrival) arrive = r.lastArrival;
  r.lastArrival = arrive;
  ReplDeliver.send(sim, r.idx, arrive, index, leave, entry, r.conn);
}

/** How far behind its primary a replica is, in time: age of the oldest write it has not applied. */
export function replicaLagUs(sim: Simulation, r: CacheNode): number {
  const w = sim.w;
  if (r.upstream < 0) return 0;
  const p = nodeAt(sim, r.upstream);
  if (p.role !== 'primary' || p.stream < 0 || r.applied >= p.applied) return 0;
  if (r.stream !== p.stream && r.link !== 'online') return 0;
  const next = entryAt(w.streams, p.stream, r.applied);
  return next !== undefined ? Math.max(0, w.now - w.writes.t[next]) : 0;
}

/**
 * How many of the replication messages on their way to r it will apply, as things stand: those that
 * follow on from what it has applied without a gap, on its current connection, from a sender whose death
 * (if it died) came after they left. A process crash does not take back what the kernel already sent;
 * a host that dies takes what is still on the wire. Each one's fate is decided here as onDeliver would
 * decide it on arrival if nothing changed before then; a later fault that changes it is an event of its own.
 * leftOnly: only those that have left the sender (on the wire), not those still in its outbound buffer.
 */
export function deliveriesArriving(sim: Simulation, r: CacheNode, leftOnly = false): number {
  const w = sim.w;
  if (r.link !== 'online' || r.upstream < 0 || r.slot.value !== 'serving') return 0;
  const p = nodeAt(sim, r.upstream);
  if (!canTalk(w, p.az, r.az)) return 0;
  const indexes: number[] = [];
  const take = (e: Ev) => {
    if (e.kind !== CACHE_KIND.REPL_DELIVER || ReplDeliver.replica(e) !== r.idx || ReplDeliver.conn(e) !== r.conn) return;
    const leave = ReplDeliver.leaveT(e);
    if (leftOnly && leave > w.now) return; // still in the sender's outbound buffer
    if (p.inc !== r.connInc && (p.deathWasHost ? p.deathT <= w.now : p.deathT <= leave)) return;
    indexes.push(ReplDeliver.index(e));
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
function linkAlive(sim: Simulation, r: CacheNode, conn: number, leave: number): boolean {
  const w = sim.w;
  if (r.conn !== conn || r.upstream < 0 || r.slot.value !== 'serving') return false;
  const p = nodeAt(sim, r.upstream);
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

export function onDeliver(sim: Simulation, e: Ev): void {
  const r = nodeAt(sim, ReplDeliver.replica(e));
  if (r.link !== 'online' || !linkAlive(sim, r, ReplDeliver.conn(e), ReplDeliver.leaveT(e))) return;
  const entry = ReplDeliver.entry(e);
  const index = ReplDeliver.index(e);
  if (index < r.applied) return;
  if (index > r.applied) {
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

export function onGetAck(sim: Simulation, e: Ev): void {
  const r = nodeAt(sim, GetAck.replica(e));
  if (r.link !== 'online' || !linkAlive(sim, r, GetAck.conn(e), sim.w.now)) return;
  sendAck(sim, r);
}

function sendAck(sim: Simulation, r: CacheNode): void {
  const p = nodeAt(sim, r.upstream);
  ReplAck.after(sim, oneWayUs(sim.w.rng.network, sim.p.network, r.az, p.az), p.idx, r.idx, r.offset, p.inc);
}

export function onAck(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const p = nodeAt(sim, ReplAck.primary(e));
  const r = nodeAt(sim, ReplAck.replica(e));
  if (p.inc !== ReplAck.primaryInc(e) || p.role !== 'primary' || !canTalk(w, p.az, r.az) || !processRunning(p)) return;
  const offset = ReplAck.offset(e);
  if (offset > p.ackOffset[r.idx] || r.upstream === p.idx) p.ackOffset[r.idx] = offset;
  p.ackT[r.idx] = w.now;
  releaseWaits(sim, p);
}

/**
 * When in each `replicaAckPeriodMs` the nodes run their replication cron: Redis's replicationCron, once a
 * second, where a replica sends REPLCONF ACK (and reconnects a lost link) and a primary recounts its good
 * replicas. Its phase is set by when each process started; processes started together (as the calibration
 * pairs are) run it within milliseconds of each other, the primary's just before its replica's ACK
 * arrives. The model gives every node the same instant, half a period in [A]: a fault at a whole second
 * then falls half a period after an ACK, the average over a fault at a random instant.
 */
export function replicationCronPhaseUs(p: PresetParams): number {
  return Math.round(ms(p.cache.replicaAckPeriodMs) / 2);
}

export function onReplicaTick(sim: Simulation, idx: number): void {
  const w = sim.w;
  const r = nodeAt(sim, idx);
  NodeTick.after(sim, CACHE_KIND.REPLICA_TICK, ms(sim.p.cache.replicaAckPeriodMs), idx);
  if (r.role === 'primary') recountGoodReplicas(sim, r);
  if (r.slot.value !== 'serving' || r.role === 'primary') return;
  // Replicas that can hear the control plane (or the cluster bus) follow whoever it names as primary.
  if (reachesRegion(w, r.az) && w.primary !== r.upstream && w.primary !== r.idx) {
    r.upstream = w.primary;
    r.link = 'down';
  }
  if (r.upstream < 0) return;
  const p = nodeAt(sim, r.upstream);
  if (r.link === 'online') {
    if (!canTalk(w, p.az, r.az) || !processRunning(p) || p.inc !== r.connInc || p.role !== 'primary') r.link = 'down';
    else if (!r.linkStalled) sendAck(sim, r);
  }
  if (r.link === 'down' && !r.linkStalled && canTalk(w, p.az, r.az) && p.slot.value === 'serving' && p.role === 'primary') {
    startSync(sim, p, r);
  }
}

/**
 * min-replicas-to-write as Redis 7.0 does it (refreshGoodSlavesCount, from replicationCron): the primary
 * counts the replicas whose lag, its clock's whole seconds now less the whole second in which their last
 * REPLCONF ACK arrived (server.unixtime − repl_ack_time), is at most min-replicas-max-lag, and refuses
 * writes while that count is short. Replicas ACK from the same cron, so a stalled link is refused about
 * max-lag + 1 s after the last ACK it carried. [R-REPL, calibrated against redis-server 7.0]
 */
function recountGoodReplicas(sim: Simulation, p: CacheNode): void {
  const w = sim.w;
  const nowS = Math.floor(w.now / 1e6);
  let good = 0;
  for (const r of nodesOf(sim)) {
    const ack = p.ackT[r.idx];
    if (r.idx !== p.idx && r.upstream === p.idx && ack >= 0 && nowS - Math.floor(ack / 1e6) <= sim.p.cache.minReplicasMaxLagS) good++;
  }
  p.goodReplicas = good;
}

/** PSYNC works when the replica's history is a prefix of the primary's within the backlog (model.md §2.1). */
function canPartial(sim: Simulation, p: CacheNode, r: CacheNode): boolean {
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

function startSync(sim: Simulation, p: CacheNode, r: CacheNode): void {
  const w = sim.w;
  r.conn = w.nextConn++;
  r.connInc = p.inc;
  const rtt = oneWayUs(w.rng.network, sim.p.network, r.az, p.az) + oneWayUs(w.rng.network, sim.p.network, p.az, r.az);
  if (canPartial(sim, p, r)) {
    r.link = 'online';
    r.stream = p.stream;
    const arrive = Math.max(w.now + rtt, r.lastArrival);
    r.lastArrival = arrive;
    PsyncBatch.at(sim, arrive, r.idx, p.applied, r.conn);
    sim.trace({ type: 'resync', t: w.now, node: r.id, kind: 'partial', term: p.term, offset: r.offset });
    return;
  }
  // Full sync: fork (stalls the primary), send the RDB, the replica loads it while blocked.
  const srv = sim.p.server;
  p.busyUntil = Math.max(w.now, p.busyUntil) + Math.round(srv.forkMsPerGB * srv.datasetGB * 1000);
  const transferUs = rtt + Math.round((2 * srv.datasetGB * 1e6) / srv.loadGBps);
  r.link = 'syncing';
  r.lastArrival = w.now + transferUs;
  FullSyncDone.at(sim, w.now + transferUs, r.idx, p.applied, p.offset, { data: copyDataset(p.data), stream: p.stream }, r.conn);
  sendNode(sim, r.idx, { type: 'SYNC_START' });
  sim.trace({ type: 'resync', t: w.now, node: r.id, kind: 'full', term: p.term, offset: p.offset });
}

export function onPsyncBatch(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const r = nodeAt(sim, PsyncBatch.replica(e));
  if (r.link !== 'online' || !linkAlive(sim, r, PsyncBatch.conn(e), w.now)) return;
  const p = nodeAt(sim, r.upstream);
  const upTo = PsyncBatch.upTo(e);
  for (let i = r.applied; i < upTo; i++) {
    const entry = entryAt(w.streams, p.stream, i);
    setKey(r.data, w.writes.k[entry], entry);
    r.offset = w.writes.off[entry];
  }
  if (upTo > r.applied) r.applied = upTo;
  if (sim.p.cache.aof.enabled) r.aofWritten = r.applied;
}

export function onFullSyncDone(sim: Simulation, e: Ev): void {
  const r = nodeAt(sim, FullSyncDone.replica(e));
  if (r.conn !== FullSyncDone.conn(e) || r.link !== 'syncing' || r.slot.value !== 'syncing') return;
  const snap = FullSyncDone.snapshot(e);
  r.data = snap.data;
  r.stream = snap.stream;
  r.applied = FullSyncDone.applied(e);
  r.offset = FullSyncDone.offset(e);
  r.aofWritten = r.aofFsynced = r.applied; // the AOF is rewritten from the loaded data
  r.link = 'online';
  sendNode(sim, r.idx, { type: 'SYNC_DONE' });
}
