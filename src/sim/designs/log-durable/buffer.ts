// The writes a log primary has executed and not yet handed to the log, oldest first: its durability
// buffer. Writes wait here while no quorum of AZ copies is reachable, or while the log's intake is busy
// with earlier writes (durable.logMiBps). A queue with a head index, so taking the oldest is O(1) however
// long the buffer grows; the consumed prefix is dropped once it is most of the array.
import type { Op } from '../../world';
import type { DurableNode } from './node';

export function heldCount(n: DurableNode): number {
  return n.held.length - n.heldHead;
}

export function hold(n: DurableNode, op: Op, t: number): void {
  n.held.push(op);
  n.heldT.push(t);
}

export function oldestHeld(n: DurableNode): Op {
  return n.held[n.heldHead];
}

/** When the oldest held write was executed, µs. */
export function oldestHeldT(n: DurableNode): number {
  return n.heldT[n.heldHead];
}

export function dropOldest(n: DurableNode): void {
  n.heldHead++;
  if (n.heldHead === n.held.length) {
    clearHeld(n);
  } else if (n.heldHead >= 1024 && n.heldHead * 2 >= n.held.length) {
    n.held = n.held.slice(n.heldHead);
    n.heldT = n.heldT.slice(n.heldHead);
    n.heldHead = 0;
  }
}

/** Entries of DurableNode.drops: first and last write index, time, cause. */
export const DROP_FIELDS = 4;
export const DROP_CAUSE = { died: 0, deposed: 1 } as const;

/**
 * The buffer is gone (the process died, or it found a newer leader in the log): whatever it held never
 * reaches the log. Remembered, so an acknowledged write lost this way can say where it went.
 */
export function dropBuffer(n: DurableNode, t: number, cause: number): void {
  const count = heldCount(n);
  if (count > 0) n.drops.push(n.held[n.heldHead].entry, n.held[n.held.length - 1].entry, t, cause);
  clearHeld(n);
}

export function clearHeld(n: DurableNode): void {
  n.held = [];
  n.heldT = [];
  n.heldHead = 0;
}
