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
  const prevVal = prev >= 0 ? writes.val[prev] : null;
  return (prevVal !== null ? prevVal : 0) + 1;
}

export class WriteLog {
  length = 0;
  /** Id of the client operation. */
  w: Int32Array;
  /** Key index. */
  k: Int32Array;
  /** Sequence number (global order of application). */
  seq: Int32Array;
  term: Int32Array;
  /**
   * Cache-style: the replication stream the write was appended to, and its index in that stream's
   * lineage (World.streams), which is where the lost-write count looks for it. 0 in the durable design.
   */
  stream: Int32Array;
  pos: Int32Array;
  /**
   * INCR: the counter's value; null for a SET, whose value is named after its operation (`v<w>`), built
   * only when a history row is read (history.ts). The columns below are plain arrays, not Float64Arrays:
   * a number read from a Float64Array is a double to V8, and one stored in a node or an event would turn
   * that field, in every object of its shape, from a small integer into a boxed double.
   */
  val: Array<number | null>;
  /** Simulated time the primary applied it, µs. */
  t: number[];
  /** End byte offset in its replication stream (cache-style); 0 in the durable design. */
  off: number[];

  constructor(capacity = 1024) {
    this.w = new Int32Array(capacity);
    this.k = new Int32Array(capacity);
    this.seq = new Int32Array(capacity);
    this.term = new Int32Array(capacity);
    this.stream = new Int32Array(capacity);
    this.pos = new Int32Array(capacity);
    // Sized up front like the typed columns: grown one push at a time, each of these was copied a dozen
    // times on the way to a few hundred thousand rows, and every copy was fresh memory.
    this.val = new Array(capacity);
    this.t = new Array(capacity);
    this.off = new Array(capacity);
  }

  /**
   * Add a row and return its index. The plain-array columns are written at the index, which appends to
   * them or, after a rewind, overwrites a row that a discarded future had written.
   */
  add(w: number, k: number, val: number | null, seq: number, t: number, off: number, term: number, stream = 0, pos = 0): number {
    const i = this.length;
    if (i === this.w.length) this.grow();
    this.w[i] = w;
    this.k[i] = k;
    this.seq[i] = seq;
    this.term[i] = term;
    this.stream[i] = stream;
    this.pos[i] = pos;
    this.val[i] = val;
    this.t[i] = t;
    this.off[i] = off;
    this.length = i + 1;
    return i;
  }

  private grow(): void {
    const n = grown(this.w.length);
    this.w = widen(this.w, n);
    this.k = widen(this.k, n);
    this.seq = widen(this.seq, n);
    this.term = widen(this.term, n);
    this.stream = widen(this.stream, n);
    this.pos = widen(this.pos, n);
  }

  /** As HistoryLog.rewind: n rows again, rows past the length kept until overwritten. */
  rewind(n: number): void {
    checkRewind('writes', n, this.w.length);
    this.length = n;
  }
}
