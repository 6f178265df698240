// Pairs each invocation with its outcome so the other checks can reason about whole operations.
import type { Cmd, FailEvent, HistoryEvent, InfoEvent, InvokeEvent, OkEvent } from '../sim/types';

export type Outcome = OkEvent | FailEvent | InfoEvent;

export interface Op {
  id: number;
  invoke: InvokeEvent;
  /** null when the run ended before the client heard anything. */
  outcome: Outcome | null;
}

export type OpKind = 'write' | 'read';

export function isWriteCmd(cmd: Cmd): boolean {
  return cmd === 'SET' || cmd === 'INCR';
}

export function kindOf(cmd: Cmd): OpKind {
  return isWriteCmd(cmd) ? 'write' : 'read';
}

interface Collected {
  length: number;
  last: HistoryEvent | undefined;
  ops: Op[];
  byId: Op[];
}

// Every check pairs the same history, and the app re-checks a history that keeps growing; pairing it once
// and extending it with what was appended since saves passes over millions of events. A history that was
// truncated (time travel) is recognised by its last event no longer being where it was, and re-paired.
const collected = new WeakMap<readonly HistoryEvent[], Collected>();

/**
 * Operations in the order they were invoked in the history. Only the first outcome of an op counts:
 * a client stops listening once it has given up, so a late reply changes nothing it saw.
 * The returned array is shared: callers must not modify it.
 */
export function collectOps(history: readonly HistoryEvent[]): Op[] {
  let c = collected.get(history);
  if (!c || c.length > history.length || (c.length > 0 && history[c.length - 1] !== c.last)) {
    c = { length: 0, last: undefined, ops: [], byId: [] };
    collected.set(history, c);
  }
  const { ops, byId } = c;
  for (let i = c.length; i < history.length; i++) {
    const ev = history[i];
    if (ev.type === 'invoke') {
      if (byId[ev.op] !== undefined) continue;
      const op: Op = { id: ev.op, invoke: ev, outcome: null };
      byId[ev.op] = op;
      ops.push(op);
    } else {
      const op = byId[ev.op];
      if (op && op.outcome === null) op.outcome = ev;
    }
  }
  c.length = history.length;
  c.last = history[history.length - 1];
  return ops;
}

/** Ops ordered by invocation time, ties broken by id so every check sees the same order. */
export function byInvokeTime(a: Op, b: Op): number {
  return a.invoke.t - b.invoke.t || a.id - b.id;
}

/** Code-unit order, identical in every JS engine (localeCompare is not). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
