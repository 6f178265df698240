// What clients saw, recorded as columns of numbers instead of one object per event. A long run records
// millions of events and keeps them all for the checker; as objects they were most of what the garbage
// collector had to copy and trace while the run was still going (its pauses halved without them).
// Rows are materialised as HistoryEvent objects only when someone reads them (`events()`, `at(i)`),
// and those objects are exactly the ones the engine used to build.
import { checkRewind, grown, widen } from './columns';
import { AZS, type Cmd, type ErrorCode, type HistoryEvent, type InvokeEvent, type OkEvent } from './types';

/** Row kinds; also the codes the trace digest mixes in for each history event. */
export const ROW = { invoke: 1, ok: 2, fail: 3, info: 4 } as const;

const CMDS: readonly Cmd[] = ['SET', 'INCR', 'GET'];
export const ERRORS: readonly ErrorCode[] = ['READONLY', 'NOREPLICAS', 'CONNREFUSED', 'CLUSTERDOWN', 'LOADING', 'NOTLEADER'];
const INFO_ERRORS = ['timeout', 'wait-timeout'] as const;
export const INFO = { timeout: 0, waitTimeout: 1 } as const;

// Flags of an ok row.
const OK_READ = 1;
const OK_FROM_REPLICA = 2;
const OK_HAS_VALUE = 4;

/**
 * Append-only columns, one row per history event. What each column holds depends on the row's kind:
 *
 * | column | invoke            | ok (write)         | ok (read)          | fail       | info          |
 * |--------|-------------------|--------------------|--------------------|------------|---------------|
 * | a      | command (0–2)     | term               | term               | error code | INFO code     |
 * | b      | client AZ index   | flags              | flags              |            |               |
 * | x      |                   | offset             | writeId (−1: none) |            |               |
 * | y      |                   | seq                | writeSeq (−1)      |            |               |
 * | z      |                   |                    | lag, µs            |            |               |
 * | ref    | key               | value (INCR)       | counter value      |            |               |
 *
 * No SET value is stored: the workload names every SET value after its operation (`v<id>`), so an invoke
 * row's argument and a read row's value (`v<writeId>`) are built only when the row is read.
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
  ref: Array<string | number | null | undefined>;
  /** The rows already materialised, shared by every reader (see events()). */
  private objects: HistoryEvent[] = [];

  constructor(
    readonly nodeIds: readonly string[],
    capacity = 1024,
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
    this.ref = new Array(capacity); // like the typed columns: sized up front, not grown by push
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

  invoke(t: number, op: number, cmd: number, key: string, clientAz: number, node: number): void {
    const i = this.row(ROW.invoke, t, op, node);
    this.a[i] = cmd;
    this.b[i] = clientAz;
    this.ref[i] = key;
  }

  okWrite(t: number, op: number, node: number, term: number, offset: number, seq: number, incrValue: number | null): void {
    const i = this.row(ROW.ok, t, op, node);
    this.a[i] = term;
    this.b[i] = incrValue === null ? 0 : OK_HAS_VALUE;
    this.x[i] = offset;
    this.y[i] = seq;
    this.ref[i] = incrValue;
  }

  okRead(t: number, op: number, node: number, term: number, value: string | number | null, writeId: number, writeSeq: number, lagUs: number, fromReplica: boolean): void {
    const i = this.row(ROW.ok, t, op, node);
    this.a[i] = term;
    this.b[i] = OK_READ | (fromReplica ? OK_FROM_REPLICA : 0);
    this.x[i] = writeId;
    this.y[i] = writeSeq;
    this.z[i] = lagUs;
    this.ref[i] = value;
  }

  fail(t: number, op: number, node: number, error: number): void {
    const i = this.row(ROW.fail, t, op, node); // before reading this.a: row() may replace it
    this.a[i] = error;
    this.ref[i] = undefined;
  }

  info(t: number, op: number, node: number, code: number): void {
    const i = this.row(ROW.info, t, op, node);
    this.a[i] = code;
    this.ref[i] = undefined;
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
    this.ref.length = n;
  }

  /** A copy of the first n rows; this log is left intact. */
  slice(n: number): HistoryLog {
    const c = new HistoryLog(this.nodeIds, 0);
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
    c.ref = this.ref.slice(0, n);
    c.objects = this.objects.slice(0, n);
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
        const ev: InvokeEvent = { type: 'invoke', t, op, cmd, key: this.ref[i] as string, client: AZS[this.b[i]], node };
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
            // A SET's value is named after its write: null in the column, built here.
            value: (this.ref[i] as number | null) ?? (writeId >= 0 ? `v${writeId}` : null),
            writeId: writeId < 0 ? null : writeId,
            writeSeq: writeSeq < 0 ? null : writeSeq,
            lagMs: this.z[i] / 1000,
            fromReplica: (flags & OK_FROM_REPLICA) !== 0,
          };
        }
        const ok: OkEvent = { type: 'ok', t, op, node, term: this.a[i], offset: this.x[i], seq: this.y[i] };
        if (flags & OK_HAS_VALUE) ok.value = this.ref[i] as number;
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
