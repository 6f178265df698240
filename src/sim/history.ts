// What clients saw, recorded as columns of numbers instead of one object per event. A long run records
// millions of events and keeps them all for the checker; as objects they were most of what the garbage
// collector had to copy and trace while the run was still going (its pauses halved without them).
// Rows are materialised as HistoryEvent objects only when someone reads them (`events()`, `at(i)`),
// and those objects are exactly the ones the engine used to build. Every column is a typed array: a
// column of pointers (keys and values, as it once was) was ten megabytes the collector scanned on every
// full collection of a long run, and filled up front at the start of each one.
import { checkRewind, grown, widen } from './columns';
import { AZS, type Cmd, type ErrorCode, type HistoryEvent, type InvokeEvent, type OkEvent } from './types';

/** The name of the workload's key `index`: counters (INCR) come first, as `c<i>`, the rest are `k<i>`. */
export function workloadKeyName(index: number, counterKeys: number): string {
  return index < counterKeys ? `c${index}` : `k${index}`;
}

/** Row kinds; also the codes the trace digest mixes in for each history event. */
export const ROW = { invoke: 1, ok: 2, fail: 3, info: 4 } as const;

const CMDS: readonly Cmd[] = ['SET', 'INCR', 'GET'];
export const ERRORS: readonly ErrorCode[] = ['READONLY', 'NOREPLICAS', 'CONNREFUSED', 'CLUSTERDOWN', 'LOADING', 'NOTLEADER'];
const INFO_ERRORS = ['timeout', 'wait-timeout'] as const;
export const INFO = { timeout: 0, waitTimeout: 1 } as const;

// Flags of an ok row.
export const OK_READ = 1;
const OK_FROM_REPLICA = 2;
const OK_HAS_VALUE = 4;

/**
 * Append-only columns, one row per history event. What each column holds depends on the row's kind:
 *
 * | column | invoke            | ok (write)         | ok (read)          | fail       | info          |
 * |--------|-------------------|--------------------|--------------------|------------|---------------|
 * | a      | command (0–2)     | term               | term               | error code | INFO code     |
 * | b      | client AZ index   | flags              | flags              |            |               |
 * | x      | key id            | offset             | writeId (−1: none) |            |               |
 * | y      |                   | seq                | writeSeq (−1)      |            |               |
 * | z      |                   |                    | lag, µs            |            |               |
 * | v      |                   | value (INCR)       | counter value      |            |               |
 *
 * No SET value is stored: the workload names every SET value after its operation (`v<id>`), so an invoke
 * row's argument and a read row's value (`v<writeId>`) are built only when the row is read. A value is
 * there when the row's flags say so (OK_HAS_VALUE). Keys are ids: the engine's key indexes, named as the
 * workload names them (`c<i>` for the first `counterKeys`, then `k<i>`), or, for a key given by its name,
 * a negative id into a table of such names.
 */
export class HistoryLog {
  length = 0;
  kind: Uint8Array;
  t: Float64Array;
  op: Int32Array;
  /** Node index, −1 for none. */
  node: Int8Array;
  a: Int32Array;
  b: Uint8Array;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  v: Float64Array;
  /** The rows already materialised, shared by every reader (see events()). */
  private objects: HistoryEvent[] = [];
  /** Keys given by name (invoke()), by negative id: −1 is the first. */
  private namedKeys: string[] = [];
  private namedIds = new Map<string, number>();

  /** counterKeys: how many of the engine's key indexes, from 0, name counters (see keyName). */
  constructor(
    readonly nodeIds: readonly string[],
    capacity = 1024,
    readonly counterKeys = 0,
  ) {
    this.kind = new Uint8Array(capacity);
    this.t = new Float64Array(capacity);
    this.op = new Int32Array(capacity);
    this.node = new Int8Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Uint8Array(capacity);
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.z = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
  }

  /** The name of a key id (see the table above). */
  keyName(id: number): string {
    return id < 0 ? this.namedKeys[-1 - id] : workloadKeyName(id, this.counterKeys);
  }

  // -------------------------------------------------------------------------------------------------
  // Recording (the engine)
  // -------------------------------------------------------------------------------------------------

  /** Start a row and return its index; the caller fills the columns its kind uses. */
  private row(kind: number, t: number, op: number, node: number): number {
    const i = this.length;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.t[i] = t;
    this.op[i] = op;
    this.node[i] = node;
    this.length = i + 1;
    return i;
  }

  /** An invocation on the engine's key index `key` (the engine's keys, named by keyName). */
  invokeKey(t: number, op: number, cmd: number, key: number, clientAz: number, node: number): void {
    const i = this.row(ROW.invoke, t, op, node);
    this.a[i] = cmd;
    this.b[i] = clientAz;
    this.x[i] = key;
  }

  /** An invocation on a key given by its name (hand-made histories). */
  invoke(t: number, op: number, cmd: number, key: string, clientAz: number, node: number): void {
    let id = this.namedIds.get(key);
    if (id === undefined) {
      this.namedKeys.push(key);
      id = -this.namedKeys.length;
      this.namedIds.set(key, id);
    }
    this.invokeKey(t, op, cmd, id, clientAz, node);
  }

  okWrite(t: number, op: number, node: number, term: number, offset: number, seq: number, incrValue: number | null): void {
    const i = this.row(ROW.ok, t, op, node);
    this.a[i] = term;
    this.x[i] = offset;
    this.y[i] = seq;
    if (incrValue === null) this.b[i] = 0;
    else {
      this.b[i] = OK_HAS_VALUE;
      this.v[i] = incrValue;
    }
  }

  /** value: a counter's value, or null (absent, or a SET's value, named after writeId). */
  okRead(t: number, op: number, node: number, term: number, value: number | null, writeId: number, writeSeq: number, lagUs: number, fromReplica: boolean): void {
    const i = this.row(ROW.ok, t, op, node);
    this.a[i] = term;
    this.x[i] = writeId;
    this.y[i] = writeSeq;
    this.z[i] = lagUs;
    const flags = OK_READ | (fromReplica ? OK_FROM_REPLICA : 0);
    if (value === null) this.b[i] = flags;
    else {
      this.b[i] = flags | OK_HAS_VALUE;
      this.v[i] = value;
    }
  }

  fail(t: number, op: number, node: number, error: number): void {
    const i = this.row(ROW.fail, t, op, node); // before reading this.a: row() may replace it
    this.a[i] = error;
  }

  info(t: number, op: number, node: number, code: number): void {
    const i = this.row(ROW.info, t, op, node);
    this.a[i] = code;
  }

  private grow(): void {
    const n = grown(this.kind.length);
    this.kind = widen(this.kind, n);
    this.t = widen(this.t, n);
    this.op = widen(this.op, n);
    this.node = widen(this.node, n);
    this.a = widen(this.a, n);
    this.b = widen(this.b, n);
    this.x = widen(this.x, n);
    this.y = widen(this.y, n);
    this.z = widen(this.z, n);
    this.v = widen(this.v, n);
  }

  /** A copy of the first n rows; this log is left intact. */
  slice(n: number): HistoryLog {
    const c = new HistoryLog(this.nodeIds, 0, this.counterKeys);
    c.length = n;
    c.kind = this.kind.slice(0, n);
    c.t = this.t.slice(0, n);
    c.op = this.op.slice(0, n);
    c.node = this.node.slice(0, n);
    c.a = this.a.slice(0, n);
    c.b = this.b.slice(0, n);
    c.x = this.x.slice(0, n);
    c.y = this.y.slice(0, n);
    c.z = this.z.slice(0, n);
    c.v = this.v.slice(0, n);
    c.objects = this.objects.slice(0, n);
    c.namedKeys = [...this.namedKeys];
    c.namedIds = new Map(this.namedIds);
    return c;
  }

  /**
   * Make the log n rows long again, shorter or longer, without copying anything (the time machine going
   * to a checkpoint). Rows past the length stay in the columns until overwritten, so n may be larger
   * than the length as long as rows up to n were written before and not overwritten since: a
   * deterministic replay writes the same rows again, which is what lets one log serve every seek.
   */
  rewind(n: number): void {
    checkRewind('history', n, this.kind.length);
    this.length = n;
    // Materialised rows past n may belong to a future that a fault will change.
    if (this.objects.length > n) this.objects.length = n;
  }

  // -------------------------------------------------------------------------------------------------
  // Reading
  // -------------------------------------------------------------------------------------------------

  /** Row i as a fresh HistoryEvent object. */
  at(i: number): HistoryEvent {
    const t = this.t[i];
    const op = this.op[i];
    const nodeIdx = this.node[i];
    const node = nodeIdx >= 0 ? this.nodeIds[nodeIdx] : '-';
    switch (this.kind[i]) {
      case ROW.invoke: {
        const cmd = CMDS[this.a[i]];
        const ev: InvokeEvent = { type: 'invoke', t, op, cmd, key: this.keyName(this.x[i]), client: AZS[this.b[i]], node };
        if (cmd === 'SET') ev.arg = `v${op}`;
        return ev;
      }
      case ROW.ok: {
        const flags = this.b[i];
        if (flags & OK_READ) {
          const writeId = this.x[i];
          const writeSeq = this.y[i];
          return {
            type: 'ok',
            t,
            op,
            node,
            term: this.a[i],
            // A SET's value is named after its write: not in the columns, built here.
            value: flags & OK_HAS_VALUE ? this.v[i] : writeId >= 0 ? `v${writeId}` : null,
            writeId: writeId < 0 ? null : writeId,
            writeSeq: writeSeq < 0 ? null : writeSeq,
            lagMs: this.z[i] / 1000,
            fromReplica: (flags & OK_FROM_REPLICA) !== 0,
          };
        }
        const ok: OkEvent = { type: 'ok', t, op, node, term: this.a[i], offset: this.x[i], seq: this.y[i] };
        if (flags & OK_HAS_VALUE) ok.value = this.v[i];
        return ok;
      }
      case ROW.fail:
        return { type: 'fail', t, op, node, error: ERRORS[this.a[i]] };
      default:
        return { type: 'info', t, op, node, error: INFO_ERRORS[this.a[i]] };
    }
  }

  /**
   * Every row as HistoryEvent objects, built on first read and extended as the run grows. The same array
   * is returned each time, so callers that index into it or cache by identity keep working.
   */
  events(): HistoryEvent[] {
    const objects = this.objects;
    for (let i = objects.length; i < this.length; i++) objects.push(this.at(i));
    return objects;
  }
}

/**
 * The acknowledged writes, in the order clients saw the acknowledgements: columns with a length, like
 * HistoryLog, so the time machine rewinds them instead of copying them (see HistoryLog.rewind).
 */
export class AckLog {
  length = 0;
  op: Int32Array;
  /** Simulated time of the acknowledgement, µs. */
  t: Float64Array;
  /** Node index that acknowledged it. */
  node: Int8Array;
  /** Offset (cache) or log index (durable) the write got. */
  offset: Float64Array;
  /** The write's row in the write table (writes.ts), so the lost-write count finds it without a search. */
  write: Int32Array;

  constructor(capacity = 1024) {
    this.op = new Int32Array(capacity);
    this.t = new Float64Array(capacity);
    this.node = new Int8Array(capacity);
    this.offset = new Float64Array(capacity);
    this.write = new Int32Array(capacity);
  }

  push(op: number, t: number, node: number, offset: number, write: number): void {
    const i = this.length;
    if (i === this.op.length) this.grow();
    this.op[i] = op;
    this.t[i] = t;
    this.node[i] = node;
    this.offset[i] = offset;
    this.write[i] = write;
    this.length = i + 1;
  }

  private grow(): void {
    const n = grown(this.op.length);
    this.op = widen(this.op, n);
    this.t = widen(this.t, n);
    this.node = widen(this.node, n);
    this.offset = widen(this.offset, n);
    this.write = widen(this.write, n);
  }

  /** As HistoryLog.rewind: n rows again, rows past the length kept until overwritten. */
  rewind(n: number): void {
    checkRewind('acks', n, this.op.length);
    this.length = n;
  }

  /** The rows as plain arrays (tests, comparisons). */
  rows(): { op: number[]; t: number[]; node: number[]; offset: number[]; write: number[] } {
    const n = this.length;
    return { op: [...this.op.subarray(0, n)], t: [...this.t.subarray(0, n)], node: [...this.node.subarray(0, n)], offset: [...this.offset.subarray(0, n)], write: [...this.write.subarray(0, n)] };
  }
}
