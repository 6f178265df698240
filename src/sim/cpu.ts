// A node's CPU (model.md §3): Redis executes commands one at a time on its main thread, so a request waits
// for the ones ahead of it. `busyUntil` is when the CPU is free again, in µs with fractions kept (a
// command costs a few µs, and rounding each one would move a node's ceiling by a third); what leaves the
// node leaves at a whole µs.
import type { NodeBase } from './world';

/** Run a command costing `costUs` of CPU: returns the whole µs at which it has executed. */
export function execute(n: NodeBase, now: number, costUs: number): number {
  const end = (n.busyUntil > now ? n.busyUntil : now) + costUs;
  n.busyUntil = end;
  return Math.ceil(end);
}

/** How long a request arriving now would wait before the CPU starts on it, µs (the node's queue). */
export function queueUs(n: NodeBase, now: number): number {
  return n.busyUntil > now ? n.busyUntil - now : 0;
}
