// What clients saw, recorded as columns of numbers instead of one object per event. A long run records
// millions of events and keeps them all for the checker, so the layout is chosen for size (a run's memory
// budget is README "Limits of a scenario file"): each row keeps only what every row has (its kind, time,
// operation and node), and what an operation's invocation and outcome say (command, key, term, offset, …)
// is kept once per operation, in columns indexed by operation id. Rows are materialised as HistoryEvent
// objects only when someone reads them (`events()`, `at(i)`), and those objects are exactly the ones the
// engine used to build.
import { checkRewind, grown, widen } from './columns';
import { AZS, type Cmd, type ErrorCode, type HistoryEvent, type InvokeEvent, type OkEvent } from './types';

/** The name of the workload's key `index`: counters (INCR) come first, as `c<i>`, the rest are `k<i>`. */
export function workloadKeyName(index: number, counterKeys: number): string {
  return index < counterKeys ? `c${index}` : `k${index}`;
}

/** Row kinds; also the codes the trace digest mixes in for each history event. */
export const ROW = { invoke: 1, ok: 2, fail: 3, info: 4 } as const;

export const CMD = { SET: 0, INCR: 1, GET: 2 } as const;
const CMDS: readonly Cmd[] = ['SET', 'INCR', 'GET'];
export const ERRORS: readonly ErrorCode[] = ['READONLY', 'NOREPLICAS', 'CONNREFUSED', 'CLUSTERDOWN', 'LOADING', 'NOTLEADER', 'MOVED'];
const INFO_ERRORS = ['timeout', 'wait-timeout'] as const;
export const INFO = { timeout: 0, waitTimeout: 1 } as const;

// Flags of an operation's ok outcome.
export const OK_READ = 1;
export const OK_FROM_REPLICA = 2;
export const OK_HAS_VALUE = 4;

/** Times are whole microseconds in a Uint32Array: 71 minutes, above the longest run a file may ask for. */
export const MAX_HISTORY_US = 0xffffffff;

/**
 * Append-only rows, one per history event, and per-operation columns for what the events say.
 *
 * Rows: `kind` (ROW), `t` (µs), `op` (operation id), `node` (node index, −1 for none).
 *
 * Per operation, indexed by its id:
 *
 * | column | set by  | holds                                                              |
 * |--------|---------|--------------------------------------------------------------------|
 * | cf     | invoke  | command (CMD, bits 0–1) and client AZ index (bits 2–3)             |
 * |        | ok      | flags (bits 4–6): OK_READ, OK_FROM_REPLICA, OK_HAS_VALUE           |
 * | key    | invoke  | key id                                                             |
 * | invRow | invoke  | the row of the invocation                                          |
 * | outRow | outcome | the row of the outcome                                             |
 * | a      | outcome | ok: term; fail: error code (ERRORS); info: INFO code               |
 * | x      | ok      | write: offset; read: writeId (−1: none); see xOf                    |
 * | y      | ok      | write: seq; read: writeSeq (−1: none)                              |
 * | z      | ok read | lag, µs                                                            |
 * | v      | ok      | write: INCR value; read: counter value (when flags say so)         |
 *
 * An operation has at most one invocation and one outcome: a second one is not recorded (a client that
 * heard back stops listening, so only the first outcome is what it saw). A row index held in invRow or
 * outRow is trusted only while that row is inside the log and still names the operation (see
 * invokeRowOf, outcomeRowOf): after a rewind, rows past the length and the per-operation columns they
 * wrote stay until a replay overwrites them, which is what lets one log serve every seek.
 *
 * No SET value is stored: the workload names every SET value after its operation (`v<id>`), so an invoke
 * row's argument and a read row's value (`v<writeId>`) are built only when the row is read. Keys are ids:
 * the engine's key indexes, named as the workload names them (`c<i>` for the first `counterKeys`, then
 * `k<i>`), or, for a key given by its name, a negative id into a table of such names.
 *
 * Bytes per operation are what a long run pays most for: fresh memory costs the kernel a zeroed page
 * per 4 KiB on first touch, and a column one more double wide made the 10-shard bench run about 9 %
 * slower. So the command, client and flags share a byte, `x` is 32-bit with the high bits of the rare wider offset
 * in a column made when the first one comes (xOf), and `z` is written only where a lag was ever recorded (zHigh): most reads have none, and
 * pages never written cost nothing.
 */
export class HistoryLog {
  length = 0;
  kind: Uint8Array;
  t: Uint32Array;
  op: Int32Array;
  /** Node index, −1 for none. */
  node: Int8Array;

  /** Command, client AZ and ok flags of each operation: read them with cmdOf, clientOf, flagsOf. */
  cf: Uint8Array;
  key: Int32Array;
  invRow: Int32Array;
  outRow: Int32Array;
  a: Int32Array;
  /**
   * Read with xOf: the low 32 bits (signed), and once a value needs more (a replication offset past 2 GiB),
   * the rest in xHi, made then: value = xHi × 2³² + x. Until then xHi is null and x is the value.
   */
  private x: Int32Array;
  private xHi: Int32Array | null = null;
  y: Int32Array;
  z: Uint32Array;
  v: Int32Array;
  /** Operations from here on never had a lag written: their z is still the zero it was made with. */
  private zHigh = 0;

  /** The rows already materialised, shared by every reader (see events()). */
  private objects: HistoryEvent[] = [];
  /** Keys given by name (invoke()), by negative id: −1 is the first. */
  private namedKeys: string[] = [];
  private namedIds = new Map<string, number>();

  /**
   * capacity: rows to make room for up front; ops: operations (ids below it). Both grow as needed.
   * counterKeys: how many of the scenario's key indexes, from 0, name counters (see keyName). keyIndex: on
   * one shard of a cluster, the scenario's key index of each of the engine's (RunSpec.shard), else null.
   */
  constructor(
    readonly nodeIds: readonly string[],
    capacity = 1024,
    readonly counterKeys = 0,
    ops = Math.ceil(capacity / 2),
    readonly keyIndex: readonly number[] | null = null,
  ) {
    this.kind = new Uint8Array(capacity);
    this.t = new Uint32Array(capacity);
    this.op = new Int32Array(capacity);
    this.node = new Int8Array(capacity);
    this.cf = new Uint8Array(ops);
    this.key = new Int32Array(ops);
    this.invRow = new Int32Array(ops).fill(-1);
    this.outRow = new Int32Array(ops).fill(-1);
    this.a = new Int32Array(ops);
    this.x = new Int32Array(ops);
    this.y = new Int32Array(ops);
    this.z = new Uint32Array(ops);
    this.v = new Int32Array(ops);
  }

  /** The name of a key id (see the table above). */
  keyName(id: number): string {
    return id < 0 ? this.namedKeys[-1 - id] : workloadKeyName(this.keyIndex === null ? id : this.keyIndex[id], this.counterKeys);
  }

  /** Operation op's command (CMD). */
  cmdOf(op: number): number {
    return this.cf[op] & 3;
  }

  /** The AZ index of operation op's client. */
  clientOf(op: number): number {
    return (this.cf[op] >> 2) & 3;
  }

  /** Operation op's ok flags (OK_READ, OK_FROM_REPLICA, OK_HAS_VALUE); meaningful for an ok outcome. */
  flagsOf(op: number): number {
    return this.cf[op] >> 4;
  }

  /** Operation op's x: a write's offset, a read's writeId. */
  xOf(op: number): number {
    const hi = this.xHi;
    return hi === null ? this.x[op] : hi[op] * 4294967296 + this.x[op];
  }

  private setX(op: number, value: number): void {
    const lo = value | 0;
    this.x[op] = lo;
    if (this.xHi === null && lo === value) return;
    // Operations recorded before xHi was made have a zero there, which is right: their values fit.
    this.xHi ??= new Int32Array(this.x.length);
    this.xHi[op] = (value - lo) / 4294967296;
  }

  /** The row of operation `op`'s invocation, or −1 when it has none in the log as it stands. */
  invokeRowOf(op: number): number {
    if (op < 0 || op >= this.invRow.length) return -1;
    const r = this.invRow[op];
    return r >= 0 && r < this.length && this.op[r] === op && this.kind[r] === ROW.invoke ? r : -1;
  }

  /** The row of operation `op`'s outcome, or −1 when it has none in the log as it stands. */
  outcomeRowOf(op: number): number {
    if (op < 0 || op >= this.outRow.length) return -1;
    const r = this.outRow[op];
    return r >= 0 && r < this.length && this.op[r] === op && this.kind[r] !== ROW.invoke ? r : -1;
  }

  // -------------------------------------------------------------------------------------------------
  // Recording (the engine)
  // -------------------------------------------------------------------------------------------------

  /** Start a row and return its index; the caller fills the operation's columns its kind uses. */
  private row(kind: number, t: number, op: number, node: number): number {
    const i = this.length;
    if (i === this.kind.length) this.growRows();
    if (op >= this.cf.length) this.growOps(op);
    if (!(t >= 0 && t <= MAX_HISTORY_US)) throw new RangeError(`history: time ${t} µs is outside 0…${MAX_HISTORY_US}`);
    this.kind[i] = kind;
    this.t[i] = t;
    this.op[i] = op;
    this.node[i] = node;
    this.length = i + 1;
    return i;
  }

  /** An invocation on the engine's key index `key` (the engine's keys, named by keyName). */
  invokeKey(t: number, op: number, cmd: number, key: number, clientAz: number, node: number): void {
    if (op < 0) throw new RangeError(`history: operation id ${op} is negative`);
    if (this.invokeRowOf(op) >= 0) return;
    const i = this.row(ROW.invoke, t, op, node);
    this.invRow[op] = i;
    // The flags bits are left as they are: a replay after a rewind records the invocation again, and a
    // restore forward may then reach an outcome row recorded before, whose flags must still be there.
    this.cf[op] = (this.cf[op] & 0xf0) | cmd | (clientAz << 2);
    this.key[op] = key;
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

  /** Start an outcome row, or return −1 when the operation already has one. */
  private outcome(kind: number, t: number, op: number, node: number): number {
    if (op < 0) throw new RangeError(`history: operation id ${op} is negative`);
    if (this.outcomeRowOf(op) >= 0) return -1;
    const i = this.row(kind, t, op, node);
    this.outRow[op] = i;
    return i;
  }

  okWrite(t: number, op: number, node: number, term: number, offset: number, seq: number, incrValue: number | null): void {
    if (this.outcome(ROW.ok, t, op, node) < 0) return;
    this.a[op] = term;
    this.setX(op, offset);
    this.y[op] = seq;
    if (incrValue === null) this.setFlags(op, 0);
    else {
      this.setFlags(op, OK_HAS_VALUE);
      this.v[op] = int32('INCR value', incrValue);
    }
  }

  /** value: a counter's value, or null (absent, or a SET's value, named after writeId). */
  okRead(t: number, op: number, node: number, term: number, value: number | null, writeId: number, writeSeq: number, lagUs: number, fromReplica: boolean): void {
    if (this.outcome(ROW.ok, t, op, node) < 0) return;
    this.a[op] = term;
    this.setX(op, writeId);
    this.y[op] = writeSeq;
    if (lagUs !== 0) {
      this.z[op] = lagUs;
      if (op >= this.zHigh) this.zHigh = op + 1;
    } else if (op < this.zHigh) this.z[op] = 0;
    const flags = OK_READ | (fromReplica ? OK_FROM_REPLICA : 0);
    if (value === null) this.setFlags(op, flags);
    else {
      this.setFlags(op, flags | OK_HAS_VALUE);
      this.v[op] = int32('counter value', value);
    }
  }

  private setFlags(op: number, flags: number): void {
    this.cf[op] = (this.cf[op] & 15) | (flags << 4);
  }

  fail(t: number, op: number, node: number, error: number): void {
    if (this.outcome(ROW.fail, t, op, node) < 0) return;
    this.a[op] = error;
  }

  info(t: number, op: number, node: number, code: number): void {
    if (this.outcome(ROW.info, t, op, node) < 0) return;
    this.a[op] = code;
  }

  private growRows(): void {
    const n = grown(this.kind.length);
    this.kind = widen(this.kind, n);
    this.t = widen(this.t, n);
    this.op = widen(this.op, n);
    this.node = widen(this.node, n);
  }

  private growOps(op: number): void {
    const n = Math.max(op + 1, grown(this.cf.length));
    this.cf = widen(this.cf, n);
    this.key = widen(this.key, n);
    this.invRow = widen(this.invRow, n, -1);
    this.outRow = widen(this.outRow, n, -1);
    this.a = widen(this.a, n);
    this.x = widen(this.x, n);
    if (this.xHi !== null) this.xHi = widen(this.xHi, n);
    this.y = widen(this.y, n);
    this.z = widen(this.z, n);
    this.v = widen(this.v, n);
  }

  /** A copy of the first n rows; this log is left intact. */
  slice(n: number): HistoryLog {
    const c = new HistoryLog(this.nodeIds, 0, this.counterKeys, 0, this.keyIndex);
    c.length = n;
    c.kind = this.kind.slice(0, n);
    c.t = this.t.slice(0, n);
    c.op = this.op.slice(0, n);
    c.node = this.node.slice(0, n);
    c.cf = this.cf.slice();
    c.key = this.key.slice();
    c.invRow = this.invRow.slice();
    c.outRow = this.outRow.slice();
    c.a = this.a.slice();
    c.x = this.x.slice();
    c.xHi = this.xHi === null ? null : this.xHi.slice();
    c.y = this.y.slice();
    c.z = this.z.slice();
    c.zHigh = this.zHigh;
    c.v = this.v.slice();
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
        const cmd = CMDS[this.cmdOf(op)];
        const ev: InvokeEvent = { type: 'invoke', t, op, cmd, key: this.keyName(this.key[op]), client: AZS[this.clientOf(op)], node };
        if (cmd === 'SET') ev.arg = `v${op}`;
        return ev;
      }
      case ROW.ok: {
        const flags = this.flagsOf(op);
        if (flags & OK_READ) {
          const writeId = this.xOf(op);
          const writeSeq = this.y[op];
          return {
            type: 'ok',
            t,
            op,
            node,
            term: this.a[op],
            // A SET's value is named after its write: not in the columns, built here.
            value: flags & OK_HAS_VALUE ? this.v[op] : writeId >= 0 ? `v${writeId}` : null,
            writeId: writeId < 0 ? null : writeId,
            writeSeq: writeSeq < 0 ? null : writeSeq,
            lagMs: this.z[op] / 1000,
            fromReplica: (flags & OK_FROM_REPLICA) !== 0,
          };
        }
        const ok: OkEvent = { type: 'ok', t, op, node, term: this.a[op], offset: this.xOf(op), seq: this.y[op] };
        if (flags & OK_HAS_VALUE) ok.value = this.v[op];
        return ok;
      }
      case ROW.fail:
        return { type: 'fail', t, op, node, error: ERRORS[this.a[op]] };
      default:
        return { type: 'info', t, op, node, error: INFO_ERRORS[this.a[op]] };
    }
  }

  /**
   * Every row as HistoryEvent objects, built on first read and extended as the run grows. The same array
   * is returned each time, so callers that index into it or cache by identity keep working. For tests and
   * small histories: a long run's rows as objects are many times the size of its columns.
   */
  events(): HistoryEvent[] {
    const objects = this.objects;
    for (let i = objects.length; i < this.length; i++) objects.push(this.at(i));
    return objects;
  }
}

function int32(what: string, value: number): number {
  if ((value | 0) !== value) throw new RangeError(`history: ${what} ${value} is not a 32-bit integer`);
  return value;
}

/**
 * The acknowledged writes, in the order clients heard the acknowledgements: columns with a length, like
 * HistoryLog, so the time machine rewinds them instead of copying them (see HistoryLog.rewind). Everything
 * else about an acknowledgement (its operation, time, node and offset) is in its history row.
 */
export class AckLog {
  length = 0;
  /** The acknowledgement's row in the history. */
  row: Int32Array;
  /** The write's row in the write table (writes.ts), so the lost-write count finds it without a search. */
  write: Int32Array;

  constructor(capacity = 1024) {
    this.row = new Int32Array(capacity);
    this.write = new Int32Array(capacity);
  }

  push(row: number, write: number): void {
    const i = this.length;
    if (i === this.row.length) this.grow();
    this.row[i] = row;
    this.write[i] = write;
    this.length = i + 1;
  }

  private grow(): void {
    const n = grown(this.row.length);
    this.row = widen(this.row, n);
    this.write = widen(this.write, n);
  }

  /** As HistoryLog.rewind: n rows again, rows past the length kept until overwritten. */
  rewind(n: number): void {
    checkRewind('acks', n, this.row.length);
    this.length = n;
  }

  /** The rows as plain arrays (tests, comparisons). */
  rows(): { row: number[]; write: number[] } {
    const n = this.length;
    return { row: [...this.row.subarray(0, n)], write: [...this.write.subarray(0, n)] };
  }
}
