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

/**
 * Operations in the order they were invoked in the history. Only the first outcome of an op counts:
 * a client stops listening once it has given up, so a late reply changes nothing it saw.
 */
export function collectOps(history: readonly HistoryEvent[]): Op[] {
  const byId = new Map<number, Op>();
  const ops: Op[] = [];
  for (const ev of history) {
    if (ev.type === 'invoke') {
      if (byId.has(ev.op)) continue;
      const op: Op = { id: ev.op, invoke: ev, outcome: null };
      byId.set(ev.op, op);
      ops.push(op);
    } else {
      const op = byId.get(ev.op);
      if (op && op.outcome === null) op.outcome = ev;
    }
  }
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
