// Clients in each AZ send SET, INCR and GET, each operation to the node the client is connected to,
// recorded as invoke then ok, fail or info (timeout). Two workloads: open loop (Poisson arrivals at the
// scenario's rates, whatever the servers do) and closed loop (a fixed number of connections, each keeping
// `pipeline` requests outstanding and sending the next when one settles, as redis-benchmark and
// connection pools do), so past a node's ceiling the one builds a queue and the other a plateau.
import { canTalk, oneWayUs } from './network';
import { below, exponentialRounded, uniform, uniformScaledBelow } from './rng';
import { keyFor } from './workload-keys';
import { INFO } from './history';
import { dropFront } from './lists';
import type { Client, Ev, Op } from './world';
import { ClientTimer, ConnSend, ReplyArrive, RequestArrive } from './events';
import type { Simulation } from './engine';

/** Error codes: indexes into ERRORS (history.ts), which names them in the history. */
export const E = { READONLY: 0, NOREPLICAS: 1, CONNREFUSED: 2, CLUSTERDOWN: 3, LOADING: 4, NOTLEADER: 5, MOVED: 6 } as const;
/**
 * A WAIT that returned fewer replicas than asked for (cache-style wait.ts). Not among ERRORS: the reply
 * to a follow-up, whose failure is recorded as an unknown outcome (INFO.waitTimeout), never as an error.
 */
export const WAIT_SHORT = 7;

/**
 * A node of a cluster's shard that is not the shard's primary answers a write, or a read from a client
 * that does not read from replicas, with MOVED and the primary's address, as Redis Cluster, ElastiCache
 * cluster mode and MemoryDB do; a single shard's replica answers READONLY (the client holds the primary
 * endpoint, and a replica there refuses the write).
 */
export function notPrimaryError(sim: Simulation): number {
  return sim.spec.shard !== undefined ? E.MOVED : E.READONLY;
}

/** Redirections a client follows for one request before it gives up: a usual client-library limit, assumed. [A] */
const MAX_REDIRECTS = 5;

export function start(sim: Simulation): void {
  const wl = sim.load;
  if (wl.closedLoop) {
    for (let az = 0; az < 3; az++) resumeConnections(sim, az);
    return;
  }
  const rate = wl.writesPerSec + wl.readsPerSec;
  if (rate > 0 && sim.w.clients.length > 0) sim.arriveAfter(exponentialRounded(sim.w.rng.workload, 1e6 / rate));
}

export function onWorkload(sim: Simulation): void {
  const w = sim.w;
  const wl = sim.load;
  const r = w.rng.workload;
  const rate = wl.writesPerSec + wl.readsPerSec;
  // Always the same four draws per operation, whatever the faults do, so the workload never shifts.
  const next = exponentialRounded(r, 1e6 / rate); // arriveAfter rounds anyway
  const isWrite = uniformScaledBelow(r, rate, wl.writesPerSec);
  const clientIdx = below(r, w.clients.length);
  const keyIdx = sim.keys.hot === 0 ? below(r, wl.keys) : keyFor(sim.keys, uniform(r));
  sim.arriveAfter(next);

  const client = w.clients[clientIdx];
  if (w.azDown[client.az]) return; // application servers in a dead AZ send nothing
  send(sim, client, newOp(sim, isWrite, keyIdx, clientIdx, -1));
}

function newOp(sim: Simulation, isWrite: boolean, keyIdx: number, clientIdx: number, conn: number): Op {
  const w = sim.w;
  const counter = keyIdx < sim.counterKeys;
  const id = w.nextOp++;
  const op: Op = {
    id,
    cmd: isWrite ? (counter ? 1 : 0) : 2,
    k: keyIdx,
    client: clientIdx,
    node: -1,
    invokeT: w.now,
    deadline: 0,
    done: false,
    stage: 0,
    offset: 0,
    seq: 0,
    term: 0,
    value: null,
    rw: -1,
    rs: -1,
    lagUs: 0,
    fromReplica: false,
    entry: -1,
    execT: 0,
    conn,
    moved: 0,
    movedT: 0,
  };
  const timeoutMs = sim.p.client.timeoutMs + (isWrite ? sim.writeTimeoutExtraMs : 0);
  op.deadline = w.now + Math.round(timeoutMs * 1000);
  return op;
}

// ---------------------------------------------------------------------------------------------------
// Closed loop. Connection c belongs to the client c mod (number of client AZs), so connections spread
// evenly over the AZs that host clients. Each sends `pipeline` requests when it starts and one more each
// time one of its requests settles: at once after an OK, after `backoffMs` after an error or a timeout
// (a connection pool backs off rather than spinning on errors).
// ---------------------------------------------------------------------------------------------------

/** Start (again) every closed-loop connection whose client is in this AZ: at the start, or when the AZ recovers. */
export function resumeConnections(sim: Simulation, az: number): void {
  const loop = sim.load.closedLoop;
  if (!loop) return;
  const w = sim.w;
  const clients = w.clients.length;
  for (let c = 0; c < loop.connections; c++) {
    if (w.clients[c % clients].az !== az) continue;
    // Connections open over the first millisecond rather than all in the same microsecond.
    const delay = below(w.rng.workload, 1000);
    for (let p = 0; p < loop.pipeline; p++) ConnSend.after(sim, delay, c, w.azGen[az]);
  }
}

export function onConnSend(sim: Simulation, conn: number, gen: number): void {
  const w = sim.w;
  const clientIdx = conn % w.clients.length;
  const client = w.clients[clientIdx];
  if (w.azDown[client.az] || gen !== w.azGen[client.az]) return; // its application server died
  const r = w.rng.workload;
  const isWrite = uniformScaledBelow(r, 1, sim.load.writeFraction);
  const keyIdx = sim.keys.hot === 0 ? below(r, sim.load.keys) : keyFor(sim.keys, uniform(r));
  send(sim, client, newOp(sim, isWrite, keyIdx, clientIdx, conn));
}

/** A closed-loop request settled: its connection sends the next one. */
function sendNext(sim: Simulation, op: Op, failed: boolean): void {
  const loop = sim.load.closedLoop;
  if (!loop) return;
  const w = sim.w;
  const gen = w.azGen[w.clients[op.client].az];
  ConnSend.after(sim, failed ? Math.round(loop.backoffMs * 1000) : 0, op.conn, gen);
}

/**
 * Every request is settled by its invocation plus this: its client's timer fires at the deadline of the
 * oldest request still pending, and no request's deadline is further out than the longest one (a write
 * that also waits for WAIT). A request with a shorter deadline may wait for an older one's timer.
 */
function settleWithinUs(sim: Simulation): number {
  return Math.round((sim.p.client.timeoutMs + sim.writeTimeoutExtraMs) * 1000);
}

function chooseTarget(sim: Simulation, client: Client, op: Op): number {
  const w = sim.w;
  if (op.cmd === 2 && sim.load.readFromReplicas) {
    const r = pickReplica(sim, client.az, op.id);
    if (r >= 0) return r;
  }
  if (client.target < 0) client.target = w.endpoint;
  return client.target;
}

/** A replica in the client's AZ if there is one, else any replica, spread by operation id. */
function pickReplica(sim: Simulation, az: number, id: number): number {
  const w = sim.w;
  let local = -1;
  let count = 0;
  const design = sim.design;
  for (const n of w.nodes) {
    if (n.idx === w.primary || design.isPrimary(n)) continue;
    if (n.az === az && local < 0) local = n.idx;
    count++;
  }
  if (local >= 0) return local;
  if (count === 0) return -1;
  let k = id % count;
  for (const n of w.nodes) {
    if (n.idx === w.primary || design.isPrimary(n)) continue;
    if (k-- === 0) return n.idx;
  }
  return -1;
}

function send(sim: Simulation, client: Client, op: Op): void {
  const target = chooseTarget(sim, client, op);
  op.node = target;
  sim.recordInvoke(op.id, op.cmd, op.k, client.az, target);
  // Settled operations at the head are dropped now rather than when the timer next fires (up to a
  // timeout later): otherwise a second's worth of finished operations outlives every young-generation
  // collection. The timer still fires when it was armed; it skips settled operations either way. Only
  // once the settled front is as long as the rest: past a node's capacity a second of requests waits for
  // its timeout, and copying all of them every few dozen requests made a run quadratic in its rate.
  const pending = client.pending;
  let head = client.head;
  while (head < pending.length && pending[head].done) head++;
  if (head === pending.length) {
    pending.length = 0;
    head = 0;
  } else if (head > 64 && head * 2 >= pending.length) {
    dropFront(pending, head);
    head = 0;
  }
  client.head = head;
  pending.push(op);
  if (!client.timerArmed) {
    client.timerArmed = true;
    ClientTimer.at(sim, op.deadline, op.client);
  }
  if (target < 0) {
    settleFail(sim, op, -1, E.CLUSTERDOWN);
    return;
  }
  transmit(sim, op, target);
}

/** Put a request on the wire to a node; a request that cannot arrive simply never does (timeout). */
export function transmit(sim: Simulation, op: Op, nodeIdx: number): void {
  const w = sim.w;
  const node = w.nodes[nodeIdx];
  const caz = w.clients[op.client].az;
  if (!canTalk(w, caz, node.az)) return;
  RequestArrive.after(sim, oneWayUs(w.rng.network, sim.p.network, caz, node.az), nodeIdx, op);
}

/**
 * A node replies at `leaveT`. A reply already handed to the kernel survives a process crash, not the loss
 * of the host; a path cut while it travels drops it.
 */
export function reply(sim: Simulation, op: Op, nodeIdx: number, leaveT: number, error: number): void {
  const w = sim.w;
  const node = w.nodes[nodeIdx];
  const caz = w.clients[op.client].az;
  const leave = Math.max(leaveT, w.now);
  const arrive = leave + oneWayUs(w.rng.network, sim.p.network, node.az, caz);
  // A reply due after the client has surely given up finds it gone: its timer settles the request first,
  // and the reply would be dropped on arrival. Not queued, so a node far behind its requests (past its
  // capacity) does not hold an event and a request per reply nobody waits for. The delay is still drawn,
  // so the random streams, and with them everything else, are the same as if it had been.
  if (arrive > op.invokeT + settleWithinUs(sim)) return;
  ReplyArrive.at(sim, arrive, nodeIdx, error, node.inc, op, leave);
}

export function onReply(sim: Simulation, e: Ev): void {
  const w = sim.w;
  const op = ReplyArrive.op(e);
  if (op.done) return;
  const idx = ReplyArrive.node(e);
  const node = w.nodes[idx];
  if (!canTalk(w, node.az, w.clients[op.client].az)) return;
  // A reply handed to the kernel before the process died still arrives; one the process had not sent yet
  // (or one on the wire when the host itself died) does not.
  if (node.inc !== ReplyArrive.inc(e) && (node.deathWasHost ? node.deathT <= e.t : node.deathT < ReplyArrive.leaveT(e))) return;
  const error = ReplyArrive.error(e);
  if (error >= 0) {
    if (error === E.MOVED && followMoved(sim, op, idx)) return;
    settleFail(sim, op, idx, error);
    return;
  }
  if (op.cmd !== 2 && sim.design.followUp(sim, op, idx)) return;
  settleOk(sim, op, idx);
}

/**
 * A MOVED reply: the client sends the request again, now, to the shard's primary the reply names (the
 * cluster's current one), and keeps that node as its connection for the shard: one more round trip, and
 * the request is not failed. With no primary to send it to (the shard is failing over), or after
 * MAX_REDIRECTS of them, the request fails: CLUSTERDOWN, or MOVED itself.
 */
function followMoved(sim: Simulation, op: Op, from: number): boolean {
  const w = sim.w;
  const to = w.primary;
  if (op.moved >= MAX_REDIRECTS) return false;
  if (to === from || !sim.design.isPrimary(w.nodes[to])) {
    settleFail(sim, op, from, E.CLUSTERDOWN);
    return true;
  }
  op.moved++;
  op.movedT = w.now;
  op.node = to;
  w.clients[op.client].target = to;
  transmit(sim, op, to);
  return true;
}

function settleOk(sim: Simulation, op: Op, nodeIdx: number): void {
  const w = sim.w;
  op.done = true;
  if (op.cmd === 2) {
    sim.recordOkRead(op.id, nodeIdx, op.term, op.value, op.rw, op.rs, op.lagUs, op.fromReplica);
  } else {
    const row = sim.recordOkWrite(op.id, nodeIdx, op.term, op.offset, op.seq, op.cmd === 1 ? (op.value as number) : null);
    w.acks.push(row, op.entry);
  }
  if (op.conn >= 0) sendNext(sim, op, false);
}

function settleFail(sim: Simulation, op: Op, nodeIdx: number, error: number): void {
  const w = sim.w;
  op.done = true;
  if (op.stage === 1) {
    // The write itself happened on the primary; only its follow-up (WAIT) failed, so the client cannot
    // know its fate.
    sim.recordInfo(op.id, nodeIdx, INFO.waitTimeout);
  } else {
    sim.recordFail(op.id, nodeIdx, error);
  }
  const client = w.clients[op.client];
  if (client.target === nodeIdx || nodeIdx < 0) client.target = -1;
  if (op.conn >= 0) sendNext(sim, op, true);
}

export function onTimer(sim: Simulation, clientIdx: number): void {
  const w = sim.w;
  const client = w.clients[clientIdx];
  const pending = client.pending;
  let head = client.head;
  while (head < pending.length) {
    const op = pending[head];
    if (op.done) {
      head++;
      continue;
    }
    if (op.deadline > w.now) break;
    op.done = true;
    sim.recordInfo(op.id, op.node, INFO.timeout);
    if (client.target === op.node) client.target = -1;
    head++;
    if (op.conn >= 0) sendNext(sim, op, true);
  }
  if (head > 256 && head * 2 > pending.length) {
    dropFront(pending, head);
    head = 0;
  }
  client.head = head;
  if (head < pending.length) ClientTimer.at(sim, pending[head].deadline, clientIdx);
  else client.timerArmed = false;
}
