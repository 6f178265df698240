// Sync reads of a key whose newest write still waits in the primary's buffer (model.md §2.2: a read does
// not return a write the log has not committed). Kept per key, so the log accepting a write finds that
// key's readers at once however many wait; they are released in the order they arrived, since each reply
// draws from the network's random stream.
import type { Op } from '../../world';
import type { DurableNode } from './node';

export interface Waiting {
  op: Op;
  /** Arrival order at the node. */
  seq: number;
}

export function waitForKey(n: DurableNode, op: Op): void {
  const w: Waiting = { op, seq: n.waitSeq++ };
  const list = n.readWaiters.get(op.k);
  if (list) list.push(w);
  else n.readWaiters.set(op.k, [w]);
  n.waitCount++;
}

/** The key's newest write was accepted by the log: its readers may go (releaseWaiting sends them). */
export function keyAccepted(n: DurableNode, k: number): void {
  if (n.waitCount === 0) return;
  const list = n.readWaiters.get(k);
  if (!list) return;
  n.readWaiters.delete(k);
  for (const w of list) n.released.push(w);
}

/** The readers released since the last call, in arrival order. */
export function takeReleased(n: DurableNode): Op[] {
  if (n.released.length === 0) return [];
  const out = n.released.sort((a, b) => a.seq - b.seq).map((w) => w.op);
  n.waitCount -= out.length;
  n.released = [];
  return out;
}

export function clearWaiting(n: DurableNode): void {
  n.readWaiters = new Map();
  n.released = [];
  n.waitCount = 0;
}
