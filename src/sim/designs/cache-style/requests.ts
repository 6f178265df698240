// A request on a cache-style node (model.md §2.1): the primary applies a write and replies at once (or
// after the fsync that covers it, with appendfsync always), then streams it to its replicas. A replica
// serves reads only. min-replicas-to-write and a cut-off primary refuse writes.
import { clusterVotes, inMinority, minorityKey } from './cluster-vote';
import { setKey } from '../../dataset';
import { E, notPrimaryError, reply } from '../../clients';
import { readInto } from '../../reads';
import { writtenValue } from '../../writes';
import type { Op } from '../../world';
import type { Simulation } from '../../engine';
import { hostUp, nodeAt, nodesOf, type CacheNode } from './node';
import { replicaLagUs, sendEntry } from './replication';
import { startFsync } from './persistence';
import { onWait } from './wait';
import { execute } from '../../cpu';

const ms = (x: number) => Math.round(x * 1000);

export function onRequest(sim: Simulation, op: Op, idx: number): void {
  const w = sim.w;
  const n = nodeAt(sim, idx);
  const st = n.slot.value;
  if (!hostUp(n)) return; // nobody answers: the client times out
  if (st === 'down') return reply(sim, op, idx, w.now, E.CONNREFUSED);
  if (st === 'loading') return reply(sim, op, idx, w.now, E.LOADING);
  if (op.stage === 1) return onWait(sim, n, op);
  const cost = sim.p.server.commandUs;
  if (op.cmd === 2) {
    if (st === 'syncing') return reply(sim, op, idx, w.now, E.LOADING);
    // A refused command still costs its parsing and the error reply.
    if (n.role === 'primary' && refusal(sim, n, false) >= 0) return reply(sim, op, idx, execute(n, w.now, cost), E.CLUSTERDOWN);
    const finish = execute(n, w.now, cost);
    const fromReplica = n.role !== 'primary';
    // A shard of a cluster: a replica serves only the clients that read from replicas (READONLY).
    if (fromReplica && !sim.load.readFromReplicas && sim.spec.shard !== undefined) return reply(sim, op, idx, finish, E.MOVED);
    readInto(op, n, fromReplica, fromReplica ? replicaLagUs(sim, n) : 0, sim.w.writes);
    return reply(sim, op, idx, finish, -1);
  }
  if (n.role !== 'primary') return reply(sim, op, idx, execute(n, w.now, cost), notPrimaryError(sim));
  const refused = refusal(sim, n, true);
  if (refused >= 0) return reply(sim, op, idx, execute(n, w.now, cost), refused);
  // The write takes effect now and its reply leaves once the CPU has worked through the queue ahead of
  // it: past capacity the queue, not the order of effects, is what a client sees (model.md §3).
  const finish = execute(n, w.now, cost);
  applyWrite(sim, n, op);
  const aof = sim.p.cache.aof;
  const stalledEverysec = aof.enabled && aof.fsync === 'everysec' && n.fsyncBusy && w.now - n.fsyncStartT > 2e6;
  if (aof.enabled && (aof.fsync === 'always' || stalledEverysec)) {
    // appendfsync always: the reply leaves after the fsync that covers it (one fsync serves a batch).
    // everysec: Redis delays writes once a background fsync has been pending for over 2 s.
    n.fsyncWaiters.push({ op, idx: n.applied, finish });
    if (!n.fsyncBusy && aof.fsync === 'always') startFsync(sim, n);
    return;
  }
  reply(sim, op, idx, finish, -1);
}

/**
 * How long this primary has reached only a minority of the cluster's primaries, µs (−1: it reaches a
 * majority). Looked at when a request comes, which is as often as it matters.
 */
function minorityFor(sim: Simulation, n: CacheNode): number {
  const key = minorityKey(sim);
  if (key !== n.minorityKey) {
    n.minorityKey = key;
    n.minorityNow = inMinority(sim, n.az);
  }
  if (!n.minorityNow) {
    n.minoritySince = -1;
    return -1;
  }
  if (n.minoritySince < 0) n.minoritySince = sim.w.now;
  return sim.w.now - n.minoritySince;
}

/** Error code if this primary refuses writes (or reads, for the cut-off case), else −1. */
function refusal(sim: Simulation, n: CacheNode, isWrite: boolean): number {
  const w = sim.w;
  const f = sim.p.cache.failover;
  let code = -1;
  let why = '';
  if (f.isolatedPrimaryStopsAfterMs !== null && n.cutOffSince >= 0 && w.now - n.cutOffSince >= ms(f.isolatedPrimaryStopsAfterMs)) {
    code = E.CLUSTERDOWN;
    why = 'cut off from the majority for longer than the node timeout';
  } else if (f.isolatedPrimaryStopsAfterMs !== null && clusterVotes(sim) && minorityFor(sim, n) >= ms(f.isolatedPrimaryStopsAfterMs)) {
    code = E.CLUSTERDOWN;
    why = "reaching only a minority of the cluster's primaries for longer than the node timeout";
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

function applyWrite(sim: Simulation, n: CacheNode, op: Op): void {
  const w = sim.w;
  const writes = w.writes;
  const val = writtenValue(writes, n.data.vals[op.k], op.cmd === 0);
  const seq = writes.nextSeq;
  // RESP size of the propagated command, which is what replication offsets count.
  const size = 32 + sim.keyLength(op.k) + (op.cmd === 0 ? sim.load.valueBytes : 0);
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
  for (const r of nodesOf(sim)) {
    if (r.upstream === n.idx && r.idx !== n.idx && (r.link === 'online' || r.link === 'syncing') && !r.linkStalled) {
      sendEntry(sim, n, r, n.applied - 1, entry);
    }
  }
}
