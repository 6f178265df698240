// Every write a primary applied, as columns: one row per write, referred to everywhere by its row index
// (a "write index"). Replication streams, the transaction log and every node's dataset hold such indexes
// instead of objects, so a write allocates nothing that outlives it, and the young-generation collector,
// which copies whatever survives, has almost nothing to copy. Rows never change once added, so the time
// machine rewinds the table to a checkpoint's length instead of copying it (like history.ts).

import { checkRewind, grown, widen } from './columns';

/**
 * The value a new write leaves at a key whose current write is `prev` (a write index, or −1 for an absent
 * key): null for a SET (see WriteLog.val), the counter plus one for an INCR.
 */
export function writtenValue(writes: WriteLog, prev: number, isSet: boolean): number | null {
  if (isSet) return null;
  const prevVal = prev >= 0 ? writes.valueAt(prev) : null;
  return (prevVal !== null ? prevVal : 0) + 1;
}

/**
 * WriteLog.val of a SET: its value is named after its operation, not stored. Zero, which no counter's
 * value is (an INCR leaves at least 1), so that a table of SETs leaves that column unwritten (WriteLog.fresh).
 */
export const NO_VALUE = 0;

export class WriteLog {
  length = 0;
  /** Id of the client operation. */
  w: Int32Array;
  /** Key index. */
  k: Int32Array;
  term: Int32Array;
  /**
   * Cache-style: the replication stream the write was appended to, and its index in that stream's
   * lineage (World.streams), which is where the lost-write count looks for it. Empty in the durable design.
   */
  stream: Int32Array;
  pos: Int32Array;
  /** INCR: the counter's value; NO_VALUE for a SET (see valueAt). */
  val: Int32Array;
  /**
   * Simulated time the primary applied it, µs (cache-style, for replica lag; below 2^32, as every time in a run). Integer columns read
   * back as small integers where they fit, so a time or value taken from one and stored in a node or an
   * event keeps that field a small integer (a Float64Array read is a double to V8, and one stored there
   * would turn the field, in every object of its shape, into a boxed double).
   */
  t: Uint32Array;
  /**
   * End byte offset in its replication stream (cache-style); empty in the durable design. A plain array: byte
   * offsets pass 2^32 in a long run with large values.
   */
  off: number[];
  /**
   * The log row that holds the write (log-async only), written when the primary hands it to the log.
   * Unlike every other column it is written after the row was added, and never cleared: a rewind keeps
   * the rows past the checkpoint for the timeline computed furthest (engine.ts restore), and a replay
   * does not reach the later write that set it. So a reader trusts it only if that row of the log exists
   * now and names this write (TxLog.write); each write is in the log at most once, so that test is exact,
   * whatever an earlier or another future wrote here.
   */
  logRow: Int32Array;
  /**
   * Rows from here on were never written and still hold the zeros they were made with: an add there skips
   * val and stream when they are zero (a SET, on the first stream), as most are. Pages never written cost
   * nothing, and this table is a large part of what a run holds per write.
   */
  private fresh = 0;

  /**
   * replication: the cache-style design's columns (stream, pos, t, off) are kept; the log-durable design
   * has no replication streams and leaves them empty, a third of the table. logIndexed: keep logRow.
   */
  constructor(
    capacity = 1024,
    readonly replication = true,
    readonly logIndexed = false,
  ) {
    const r = replication ? capacity : 0;
    this.logRow = new Int32Array(logIndexed ? capacity : 0);
    this.w = new Int32Array(capacity);
    this.k = new Int32Array(capacity);
    this.term = new Int32Array(capacity);
    this.val = new Int32Array(capacity);
    this.stream = new Int32Array(r);
    this.pos = new Int32Array(r);
    this.t = new Uint32Array(r);
    // Sized up front like the typed columns: grown one push at a time, it was copied a dozen times on the
    // way to a few hundred thousand rows, and every copy was fresh memory.
    this.off = new Array(r);
  }

  /**
   * A write's sequence number, its place in the global order in which primaries applied writes: the row
   * it got, plus one (rows are added in that order, and rewound together with it).
   */
  seqOf(i: number): number {
    return i + 1;
  }

  /** The sequence number the next write will get. */
  get nextSeq(): number {
    return this.length + 1;
  }

  /** The value write i left at its key: a counter's value, or null for a SET. */
  valueAt(i: number): number | null {
    const v = this.val[i];
    return v === NO_VALUE ? null : v;
  }

  /**
   * Add a row and return its index. The plain-array column is written at the index, which appends to it
   * or, after a rewind, overwrites a row that a discarded future had written.
   */
  add(w: number, k: number, val: number | null, t: number, off: number, term: number, stream = 0, pos = 0): number {
    const i = this.length;
    if (i === this.w.length) this.grow();
    this.w[i] = w;
    this.k[i] = k;
    this.term[i] = term;
    const v = val === null ? NO_VALUE : val;
    const fresh = i >= this.fresh;
    if (fresh) this.fresh = i + 1;
    if (!fresh || v !== 0) this.val[i] = v;
    if (this.replication) {
      if (!fresh || stream !== 0) this.stream[i] = stream;
      this.pos[i] = pos;
      this.t[i] = t;
      this.off[i] = off;
    }
    this.length = i + 1;
    return i;
  }

  private grow(): void {
    const n = grown(this.w.length);
    this.w = widen(this.w, n);
    this.k = widen(this.k, n);
    this.term = widen(this.term, n);
    this.val = widen(this.val, n);
    if (this.logIndexed) this.logRow = widen(this.logRow, n);
    if (this.replication) {
      this.stream = widen(this.stream, n);
      this.pos = widen(this.pos, n);
      this.t = widen(this.t, n);
    }
  }

  /** As HistoryLog.rewind: n rows again, rows past the length kept until overwritten. */
  rewind(n: number): void {
    checkRewind('writes', n, this.w.length);
    this.length = n;
  }
}
