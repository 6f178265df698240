// A request on a log primary (model.md §2.2, §6): the primary executes a write in memory and hands it to
// the log, which commits it once a quorum of AZ copies has it. With durability 'sync' (MemoryDB; ElastiCache
// --durability sync) the reply waits for that commit, and a read of a key with an uncommitted write waits
// for it too; with 'async' (ElastiCache --durability async) the reply leaves as soon as the write has
// executed and reads see memory. Writes the log cannot take yet wait in the primary's durability buffer
// (buffer.ts), and while the oldest of them is older than durable.bufferLimitMs the primary refuses writes.
// Replicas serve reads from what they have applied.
import { E, notPrimaryError, reply } from '../../clients';
import { readInto } from '../../reads';
import { DIRTY_HELD, DIRTY_NONE, setKey } from '../../dataset';
import { writtenValue } from '../../writes';
import type { Op } from '../../world';
import type { Simulation } from '../../engine';
import { DROP_CAUSE, dropBuffer, dropOldest, heldCount, hold, oldestHeld, oldestHeldT } from './buffer';
import { DURABLE_KIND, NodeTimer } from './events';
import { append, committedAt, HELD, intakeBusy, REJECTED, takeIntake } from './log';
import { nodeAt, sendNode, type DurableNode } from './node';
import { replicaLagUs, syncReplica } from './replicas';
import { keyAccepted, takeReleased, waitForKey } from './waiters';
import { execute } from '../../cpu';

const ackFirst = (sim: Simulation): boolean => sim.p.durable.durability === 'async';

export function onRequest(sim: Simulation, op: Op, idx: number): void {
  const w = sim.w;
  const n = nodeAt(sim, idx);
  const st = n.slot.value;
  if (st === 'off' || st === 'rebooting') return;
  if (st === 'down') return reply(sim, op, idx, w.now, E.CONNREFUSED);
  if (st === 'restoring') return reply(sim, op, idx, w.now, E.LOADING);
  if (st === 'leaseExpired') return reply(sim, op, idx, w.now, E.CLUSTERDOWN);
  const cost = sim.p.server.commandUs;
  if (st === 'primary' && w.now >= n.leaseUntil) {
    sendNode(sim, idx, { type: 'LEASE_EXPIRED' });
    return reply(sim, op, idx, w.now, E.CLUSTERDOWN);
  }
  if (op.cmd === 2) {
    const finish = execute(n, w.now, cost);
    op.execT = finish;
    if (st === 'primary') {
      const dirty = n.dirty[op.k];
      readInto(op, n, false, 0, w.writes);
      // Sync: a read that touches a key with an uncommitted write waits for that commit. [P §3.2]
      if (ackFirst(sim) || dirty === DIRTY_NONE) reply(sim, op, idx, finish, -1);
      else if (dirty === DIRTY_HELD) waitForKey(n, op);
      else reply(sim, op, idx, Math.max(finish, w.log.rows.commitT[dirty]), -1);
      return;
    }
    // A shard of a cluster: a replica serves only the clients that read from replicas (READONLY).
    if (!sim.load.readFromReplicas && sim.spec.shard !== undefined) return reply(sim, op, idx, finish, E.MOVED);
    syncReplica(sim, n);
    readInto(op, n, true, replicaLagUs(sim, n), w.writes);
    return reply(sim, op, idx, finish, -1);
  }
  // A refused command still costs its parsing and the error reply.
  if (st !== 'primary') return reply(sim, op, idx, execute(n, w.now, cost), notPrimaryError(sim));
  if (n.handoverTo >= 0) return reply(sim, op, idx, execute(n, w.now, cost), E.NOTLEADER); // handing over (a manual failover)
  if (bufferFull(sim, n)) return reply(sim, op, idx, execute(n, w.now, cost), E.CLUSTERDOWN);
  // A write costs the command and the primary's share of its log append (model.md §6: the commit path is
  // why a log primary's write ceiling is below Redis's). Its reply waits for both that and the commit.
  const finish = execute(n, w.now, cost + sim.p.durable.appendCpuUs);
  op.execT = finish;
  const writes = w.writes;
  const val = writtenValue(writes, n.data.vals[op.k], op.cmd === 0);
  const seq = writes.nextSeq;
  const e = writes.add(op.id, op.k, val, w.now, 0, n.term);
  op.entry = e;
  op.seq = seq;
  op.term = n.term;
  op.value = op.cmd === 1 ? val : null;
  // Async: acknowledged once executed, whatever becomes of the log write.
  if (ackFirst(sim)) reply(sim, op, idx, finish, -1);
  if (heldCount(n) > 0 || intakeBusy(sim)) {
    holdWrite(sim, n, op, e);
    return;
  }
  const index = append(sim, n, 0, e, n.term);
  if (index === REJECTED) {
    if (!ackFirst(sim)) return depose(sim, n, op);
    n.drops.push(e, e, w.now, DROP_CAUSE.deposed);
    return depose(sim, n, null);
  }
  if (index === HELD) {
    holdWrite(sim, n, op, e);
    return;
  }
  setKey(n.data, op.k, e);
  accepted(sim, n, op, e, index);
}

/**
 * The buffer rule: while the oldest write not yet in the log is older than the limit, writes are refused
 * (ElastiCache rejects them with a cluster-down error until the log catches up). [EC-DURAB]
 */
function bufferFull(sim: Simulation, n: DurableNode): boolean {
  const d = sim.p.durable;
  // With nothing held back, the oldest unlogged write is an append on its way to the copies, at most a
  // few commit times old: no need to look for it on every write.
  if (heldCount(n) === 0 && n.writesRefused === '' && d.logCommitMs * 20 < d.bufferLimitMs) return false;
  const full = bufferAgeUs(sim, n) > sim.p.durable.bufferLimitMs * 1000;
  const why = full ? `its oldest write not yet in the log is older than ${sim.p.durable.bufferLimitMs / 1000} s` : '';
  if (why !== n.writesRefused) {
    if (full) sim.trace({ type: 'writes-refused', t: sim.w.now, node: n.id, reason: why });
    else sim.trace({ type: 'writes-accepted', t: sim.w.now, node: n.id });
    n.writesRefused = why;
  }
  return full;
}

/**
 * Age of the oldest write this primary executed that the log has not committed, µs (ElastiCache's
 * DurabilityLag): the oldest in its buffer, else the oldest of its appends still on their way.
 */
export function bufferAgeUs(sim: Simulation, n: DurableNode): number {
  const w = sim.w;
  if (heldCount(n) > 0) return w.now - oldestHeldT(n);
  const rows = w.log.rows;
  for (let i = committedAt(w.log, w.now); i < rows.length; i++) if (rows.write[i] >= 0 && rows.node[i] === n.idx) return w.now - rows.sentT[i];
  return 0;
}

/** The log took the append: a sync reply leaves when the entry commits. */
function accepted(sim: Simulation, n: DurableNode, op: Op, e: number, index: number): void {
  const w = sim.w;
  op.offset = index + 1;
  // A later write of the same key may still wait in the buffer: reads of the key wait for that one.
  const k = w.writes.k[e];
  if (n.data.vals[k] === e) {
    n.dirty[k] = index;
    keyAccepted(n, k);
  }
  if (w.writes.logIndexed) w.writes.logRow[e] = index;
  takeIntake(sim, op.k, op.cmd === 0);
  if (!ackFirst(sim)) reply(sim, op, n.idx, Math.max(op.execT, w.log.rows.commitT[index]), -1);
}

function holdWrite(sim: Simulation, n: DurableNode, op: Op, e: number): void {
  setKey(n.data, op.k, e);
  hold(n, op, sim.w.now);
  op.entry = e;
  n.dirty[op.k] = DIRTY_HELD;
  if (intakeBusy(sim)) drainLater(sim, n);
}

/** Come back for the buffer when the log's intake is free again. */
function drainLater(sim: Simulation, n: DurableNode): void {
  if (n.drainAt >= 0) return;
  n.drainAt = Math.ceil(sim.w.log.intakeFreeT);
  NodeTimer.after(sim, DURABLE_KIND.LOG_DRAIN, n.drainAt - sim.w.now, n.idx, n.inc);
}

/** The log's intake is free again. */
export function onDrain(sim: Simulation, idx: number, inc: number): void {
  const n = nodeAt(sim, idx);
  if (n.inc !== inc) return;
  n.drainAt = -1;
  const st = n.slot.value;
  if (st === 'primary' || st === 'leaseExpired') retryHeld(sim, n);
}

/** Reads that waited for a held write learn its commit time once the log takes it. */
function releaseReads(sim: Simulation, n: DurableNode): void {
  for (const op of takeReleased(n)) reply(sim, op, n.idx, Math.max(sim.w.now, op.execT, sim.w.log.rows.commitT[n.dirty[op.k]]), -1);
}

/** A primary that finds a newer term in the log steps down and rebuilds its memory from the log. */
export function depose(sim: Simulation, n: DurableNode, op: Op | null): void {
  if (op) reply(sim, op, n.idx, sim.w.now, E.NOTLEADER);
  sim.trace({ type: 'note', t: sim.w.now, text: `${n.id} found a newer leader in the log and stepped down` });
  sendNode(sim, n.idx, { type: 'DEPOSED' });
}

/** Hand the buffer to the log, oldest first, as far as a quorum and the log's intake allow. */
export function retryHeld(sim: Simulation, n: DurableNode): void {
  while (heldCount(n) > 0) {
    if (intakeBusy(sim)) {
      drainLater(sim, n);
      break;
    }
    const op = oldestHeld(n);
    const e = op.entry;
    const index = append(sim, n, 0, e, sim.w.writes.term[e]);
    if (index === HELD) return;
    if (index === REJECTED) {
      dropBuffer(n, sim.w.now, DROP_CAUSE.deposed);
      depose(sim, n, null);
      return;
    }
    dropOldest(n);
    accepted(sim, n, op, e, index);
  }
  releaseReads(sim, n);
}
