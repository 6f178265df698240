// A request on a log-durable node (model.md §2.2): the primary executes a write in memory, holds the
// reply, appends the effects to the log, and replies once the log has committed them. A read of a key
// with an uncommitted write waits for that commit. Replicas serve reads from what they have applied.
import { E, reply } from '../../clients';
import { readInto } from '../../reads';
import { DIRTY_HELD, DIRTY_NONE, setKey } from '../../dataset';
import { writtenValue } from '../../writes';
import type { Op } from '../../world';
import type { Simulation } from '../../engine';
import { append, HELD, REJECTED } from './log';
import { nodeAt, sendNode, type DurableNode } from './node';
import { replicaLagUs, syncReplica } from './replicas';

export function onRequest(sim: Simulation, op: Op, idx: number): void {
  const w = sim.w;
  const n = nodeAt(sim, idx);
  const st = n.slot.value;
  if (st === 'off' || st === 'rebooting') return;
  if (st === 'down') return reply(sim, op, idx, w.now, E.CONNREFUSED);
  if (st === 'restoring') return reply(sim, op, idx, w.now, E.LOADING);
  if (st === 'leaseExpired') return reply(sim, op, idx, w.now, E.CLUSTERDOWN);
  const finish = Math.max(w.now, n.busyUntil) + sim.p.server.commandUs;
  if (st === 'primary' && w.now >= n.leaseUntil) {
    sendNode(sim, idx, { type: 'LEASE_EXPIRED' });
    return reply(sim, op, idx, w.now, E.CLUSTERDOWN);
  }
  if (op.cmd === 2) {
    n.busyUntil = finish;
    if (st === 'primary') {
      const dirty = n.dirty[op.k];
      readInto(op, n, false, 0, w.writes);
      // A read that touches a key with an uncommitted write waits for that commit. [P §3.2]
      if (dirty === DIRTY_HELD) n.readWaiters.push(op);
      else reply(sim, op, idx, dirty === DIRTY_NONE ? finish : Math.max(finish, w.log.rows.commitT[dirty]), -1);
      return;
    }
    syncReplica(sim, n);
    readInto(op, n, true, replicaLagUs(sim, n), w.writes);
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
  const index = append(sim, n, 0, e, n.term);
  if (index === REJECTED) return depose(sim, n, op);
  if (index === HELD) {
    hold(n, op, e);
    return;
  }
  setKey(n.data, op.k, e);
  accepted(sim, n, op, e, index);
}

/** The log took the append: the reply leaves when the entry commits. */
function accepted(sim: Simulation, n: DurableNode, op: Op, e: number, index: number): void {
  op.offset = index + 1;
  n.dirty[sim.w.writes.k[e]] = index;
  reply(sim, op, n.idx, sim.w.log.rows.commitT[index], -1);
}

function hold(n: DurableNode, op: Op, e: number): void {
  setKey(n.data, op.k, e);
  n.held.push(op);
  op.entry = e;
  n.dirty[op.k] = DIRTY_HELD;
}

/** Reads that waited for a held write learn its commit time once the log takes it. */
function releaseReads(sim: Simulation, n: DurableNode): void {
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
export function depose(sim: Simulation, n: DurableNode, op: Op | null): void {
  if (op) reply(sim, op, n.idx, sim.w.now, E.NOTLEADER);
  sim.trace({ type: 'note', t: sim.w.now, text: `${n.id} found a newer leader in the log and stepped down` });
  sendNode(sim, n.idx, { type: 'DEPOSED' });
}

/** Retry appends held back for lack of a quorum, in order. */
export function retryHeld(sim: Simulation, n: DurableNode): void {
  while (n.held.length > 0) {
    const op = n.held[0];
    const e = op.entry;
    const index = append(sim, n, 0, e, sim.w.writes.term[e]);
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
