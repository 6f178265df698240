// Terse construction of hand-written histories. Times are microseconds, as in real runs.
import type { AZ, Cmd, HistoryEvent, OkEvent, TraceEvent, TermCause } from '../../src/sim/types';

type OkFields = Partial<Omit<OkEvent, 'type' | 't' | 'op'>>;

export class HistoryBuilder {
  readonly events: HistoryEvent[] = [];

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
