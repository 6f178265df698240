// Terse construction of hand-written histories. Times are microseconds, as in real runs.
import type { AZ, Cmd, HistoryEvent, OkEvent, TraceEvent, TermCause } from '../../src/sim/types';
import { HistoryLog, INFO } from '../../src/sim/history';
import { keyOpOf, type KeyedOps } from '../../src/check/linearizability';
import type { KeyOp } from '../../src/check/register-model';
import { Outcomes, type OutcomeCounts } from '../../src/check/outcomes';
import { LostWrites } from '../../src/sim/lost-writes';

type OkFields = Partial<Omit<OkEvent, 'type' | 't' | 'op'>>;

export class HistoryBuilder {
  readonly events: HistoryEvent[] = [];

  /** The events as the engine's columns (see toLog). */
  log(nodeIds?: readonly string[]): HistoryLog {
    return toLog(this.events, nodeIds);
  }

  invoke(op: number, t: number, cmd: Cmd, key: string, opts: { arg?: string; client?: AZ; node?: string } = {}): this {
    const ev: HistoryEvent = { type: 'invoke', t, op, cmd, key, client: opts.client ?? 'a', node: opts.node ?? 'a1' };
    if (opts.arg !== undefined) ev.arg = opts.arg;
    this.events.push(ev);
    return this;
  }

  ok(op: number, t: number, fields: OkFields = {}): this {
    this.events.push({ ...fields, type: 'ok', t, op, node: fields.node ?? 'a1', term: fields.term ?? 1 });
    return this;
  }

  fail(op: number, t: number, node = 'a1'): this {
    this.events.push({ type: 'fail', t, op, node, error: 'CONNREFUSED' });
    return this;
  }

  info(op: number, t: number, node = 'a1'): this {
    this.events.push({ type: 'info', t, op, node, error: 'timeout' });
    return this;
  }

  /** A SET from invocation to acknowledgement. */
  set(op: number, key: string, arg: string, t0: number, t1: number, fields: OkFields = {}, client: AZ = 'a'): this {
    return this.invoke(op, t0, 'SET', key, { arg, client, node: fields.node }).ok(op, t1, fields);
  }

  /** An INCR acknowledged with its new value. */
  incr(op: number, key: string, value: number, t0: number, t1: number, fields: OkFields = {}): this {
    return this.invoke(op, t0, 'INCR', key, { node: fields.node }).ok(op, t1, { value, ...fields });
  }

  /** A GET that returned `value`. */
  get(op: number, key: string, value: string | number | null, t0: number, t1: number, fields: OkFields = {}, client: AZ = 'a'): this {
    return this.invoke(op, t0, 'GET', key, { client, node: fields.node }).ok(op, t1, { value, ...fields });
  }
}

export function termEvent(t: number, term: number, fromTerm: number | null, forkOffset: number, node: string, cause: TermCause): TraceEvent {
  return { type: 'term', t, term, fromTerm, forkOffset, node, cause };
}

const CMD_CODE = { SET: 0, INCR: 1, GET: 2 } as const;
const ERROR_CODE = ['READONLY', 'NOREPLICAS', 'CONNREFUSED', 'CLUSTERDOWN', 'LOADING', 'NOTLEADER'];

/** Node names in the order the events first mention them, a1 first. */
function nodesOf(events: readonly HistoryEvent[]): string[] {
  const names = new Set(['a1']);
  for (const ev of events) if (ev.node !== '-') names.add(ev.node);
  return [...names];
}

/**
 * Hand-written events as the engine's columns (what the checker reads). SET values are not kept: the
 * columns name every SET value after its operation (`v<id>`), as the workload does. A read's value is
 * its writeId's (`v<writeId>`, taken from the value when no writeId is given) or a counter's number.
 */
export function toLog(events: readonly HistoryEvent[], nodeIds: readonly string[] = nodesOf(events)): HistoryLog {
  const log = new HistoryLog(nodeIds, 4);
  // A real history is in time order; hand-written ones are listed op by op (a stable sort keeps an
  // invocation before an outcome of the same microsecond).
  const sorted = [...events].sort((a, b) => a.t - b.t);
  const cmds = new Map<number, Cmd>();
  const nodeIndex = (n: string) => nodeIds.indexOf(n);
  const azIndex = (az: string) => ['a', 'b', 'c'].indexOf(az);
  for (const ev of sorted) {
    const node = ev.node === '-' ? -1 : nodeIndex(ev.node);
    if (ev.node !== '-' && node < 0) throw new Error(`toLog: unknown node ${ev.node}`);
    switch (ev.type) {
      case 'invoke':
        if (!cmds.has(ev.op)) cmds.set(ev.op, ev.cmd);
        log.invoke(ev.t, ev.op, CMD_CODE[ev.cmd], ev.key, azIndex(ev.client), node);
        break;
      case 'ok':
        if (cmds.get(ev.op) !== 'GET' && (cmds.has(ev.op) || ev.offset !== undefined || ev.seq !== undefined)) {
          log.okWrite(ev.t, ev.op, node, ev.term, ev.offset ?? 0, ev.seq ?? 0, typeof ev.value === 'number' ? ev.value : null);
        } else {
          const named = typeof ev.value === 'string' && /^v\d+$/.test(ev.value) ? Number(ev.value.slice(1)) : -1;
          const writeId = ev.writeId ?? named;
          log.okRead(ev.t, ev.op, node, ev.term, typeof ev.value === 'number' ? ev.value : null, writeId, ev.writeSeq ?? -1, Math.round((ev.lagMs ?? 0) * 1000), ev.fromReplica ?? false);
        }
        break;
      case 'fail':
        log.fail(ev.t, ev.op, node, ERROR_CODE.indexOf(ev.error));
        break;
      case 'info':
        log.info(ev.t, ev.op, node, ev.error === 'timeout' ? INFO.timeout : INFO.waitTimeout);
        break;
    }
  }
  return log;
}

/**
 * Hand-written events grouped by key for the linearizability search, with their SET values as written
 * (the columns keep none). Only the first invocation of an operation counts, and only the first outcome
 * after it, as in the columns.
 */
export function keyed(events: readonly HistoryEvent[]): KeyedOps[] {
  const byId = new Map<number, { invoke: Extract<HistoryEvent, { type: 'invoke' }>; outcome: HistoryEvent | null }>();
  const order: number[] = [];
  for (const ev of events) {
    if (ev.type === 'invoke') {
      if (byId.has(ev.op)) continue;
      byId.set(ev.op, { invoke: ev, outcome: null });
      order.push(ev.op);
    } else {
      const op = byId.get(ev.op);
      if (op && op.outcome === null) op.outcome = ev;
    }
  }
  const byKey = new Map<string, KeyOp[]>();
  for (const id of order) {
    const { invoke, outcome } = byId.get(id)!;
    const kind = outcome === null || outcome.type === 'info' || outcome.type === 'invoke' ? 'unknown' : outcome.type;
    const k = keyOpOf(id, invoke.cmd, invoke.arg, kind, outcome?.type === 'ok' ? outcome.value : undefined, invoke.t, outcome?.t ?? Infinity);
    if (!k) continue;
    let list = byKey.get(invoke.key);
    if (!list) byKey.set(invoke.key, (list = []));
    list.push(k);
  }
  return [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((key) => ({ key, ops: () => byKey.get(key)! }));
}

/** The checker's folds over hand-written events (as their columns). */
export function folded(h: HistoryBuilder | readonly HistoryEvent[]): Outcomes {
  return Outcomes.of(toLog(h instanceof HistoryBuilder ? h.events : h));
}

/** The outcome table's numbers for hand-written events, with no lost writes unless given. */
export function countsOf(h: HistoryBuilder | readonly HistoryEvent[], endUs: number, lost: LostWrites = LostWrites.none): OutcomeCounts {
  return folded(h).counts(lost, endUs);
}
