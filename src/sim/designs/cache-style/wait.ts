// WAIT numreplicas timeout (model.md §2.1): after a write's OK the client sends WAIT on the same
// connection; the primary answers once that many replicas have acknowledged the write's offset, or with
// fewer at the timeout. WAIT does not make the write durable: it only tells the client how far it got.
import { reply, transmit, WAIT_SHORT } from '../../clients';
import { oneWayUs } from '../../network';
import type { PresetParams } from '../../types';
import type { Op } from '../../world';
import type { Simulation } from '../../engine';
import { GetAck, WaitTimeout } from './events';
import { nodeAt, nodesOf, type CacheNode } from './node';
import { execute } from '../../cpu';

const ms = (x: number) => Math.round(x * 1000);

/** The client also waits out WAIT's own timeout for a write. */
export function waitBudgetMs(p: PresetParams): number {
  return p.cache.waitReplicas > 0 ? p.cache.waitTimeoutMs : 0;
}

/** A write's OK arrived: with WAIT configured, send WAIT on the same request instead of settling it. */
export function followWithWait(sim: Simulation, op: Op, idx: number): boolean {
  if (op.stage !== 0 || sim.p.cache.waitReplicas <= 0) return false;
  op.stage = 1;
  transmit(sim, op, idx);
  return true;
}

export function onWait(sim: Simulation, p: CacheNode, op: Op): void {
  const w = sim.w;
  if (p.role !== 'primary' || p.slot.value !== 'serving') return reply(sim, op, p.idx, w.now, WAIT_SHORT);
  const finish = execute(p, w.now, sim.p.server.commandUs);
  if (countAcked(sim, p, op.offset) >= sim.p.cache.waitReplicas) return reply(sim, op, p.idx, finish, -1);
  p.waitOps.push(op);
  WaitTimeout.after(sim, ms(sim.p.cache.waitTimeoutMs), p.idx, p.inc, op);
  // WAIT makes the primary ask its replicas for their offsets right away (REPLCONF GETACK).
  for (const r of nodesOf(sim)) {
    if (r.upstream !== p.idx || r.link !== 'online' || r.linkStalled) continue;
    let arrive = w.now + r.linkDelayUs + oneWayUs(w.rng.network, sim.p.network, p.az, r.az);
    if (arrive < r.lastArrival) arrive = r.lastArrival;
    r.lastArrival = arrive;
    GetAck.at(sim, arrive, r.idx, r.conn);
  }
}

function countAcked(sim: Simulation, p: CacheNode, offset: number): number {
  let c = 0;
  for (const r of nodesOf(sim)) if (r.idx !== p.idx && r.upstream === p.idx && p.ackOffset[r.idx] >= offset) c++;
  return c;
}

/** A replica acknowledged: answer the WAITs it completes. */
export function releaseWaits(sim: Simulation, p: CacheNode): void {
  if (p.waitOps.length === 0) return;
  const keep: Op[] = [];
  for (const op of p.waitOps) {
    if (op.done) continue;
    if (countAcked(sim, p, op.offset) >= sim.p.cache.waitReplicas) reply(sim, op, p.idx, sim.w.now, -1);
    else keep.push(op);
  }
  p.waitOps = keep;
}

export function onWaitTimeout(sim: Simulation, primary: number, inc: number, op: Op): void {
  const p = nodeAt(sim, primary);
  const i = p.waitOps.indexOf(op);
  if (i < 0 || op.done) return;
  p.waitOps.splice(i, 1);
  if (p.inc === inc) reply(sim, op, p.idx, sim.w.now, WAIT_SHORT);
}
