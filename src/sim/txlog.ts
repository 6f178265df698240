// The transaction log of the durable design as columns, one row per append, like the client history
// (history.ts). Every write appends a row, so as objects the log was a large share of what the garbage
// collector copied while a run went on; as columns it allocates nothing per append. Rows never change
// once appended, so the time machine rewinds the log to a checkpoint's length instead of copying it.

import { checkRewind, grown, widen } from './columns';

/** Row kinds. */
export const LOG_KIND = { data: 0, renewal: 1, claim: 2 } as const;

export class TxLog {
  length = 0;
  /** LOG_KIND. */
  kind: Uint8Array;
  term: Int32Array;
  /** Index of the appending node. */
  node: Int8Array;
  /** Incarnation of the appending node, so a reply is only sent by the process that took the request. */
  inc: Int32Array;
  /**
   * Simulated time the append was sent, µs (below 2^32, as every time in a run). Integer columns, not
   * Float64Arrays: a number read from a Float64Array is a double to V8, and one stored in an event or a
   * node would turn that field, in every object of its shape, from a small integer into a boxed double.
   */
  sentT: Uint32Array;
  /** When a quorum of copies held the row, µs; non-decreasing. Unsigned, like sentT. */
  commitT: Uint32Array;
  /**
   * When each AZ copy acknowledged the append, as a delay after sentT, packed by designs/log-durable/log.ts (17 bits a
   * copy). Only pictures read it; the commit time is in commitT.
   */
  copies: Float64Array;
  /**
   * The write (its index in writes.ts) of a data row, what a node replaying the log applies; else −1. Its
   * client operation is the write's (WriteLog.w): the log keeps no client state alive.
   */
  write: Int32Array;
  /**
   * Rows from here on were never written, so they still hold the zeros the columns were made with. An
   * append there skips the columns whose value is zero (a data row, from node 0, of its first incarnation,
   * as most are): a page of memory never written costs nothing, and this table is a seventh of what a
   * long run holds per write.
   */
  private fresh = 0;

  constructor(capacity = 1024) {
    this.kind = new Uint8Array(capacity);
    this.term = new Int32Array(capacity);
    this.node = new Int8Array(capacity);
    this.inc = new Int32Array(capacity);
    this.sentT = new Uint32Array(capacity);
    this.commitT = new Uint32Array(capacity);
    this.copies = new Float64Array(capacity);
    this.write = new Int32Array(capacity);
  }

  /** Append a row and return its index; after a rewind it overwrites a row a discarded future had written. */
  append(kind: number, term: number, node: number, inc: number, sentT: number, write: number, copies: number, commitT: number): number {
    const i = this.length;
    if (i === this.kind.length) this.grow();
    if (i < this.fresh) {
      this.kind[i] = kind;
      this.node[i] = node;
      this.inc[i] = inc;
    } else {
      if (kind !== 0) this.kind[i] = kind;
      if (node !== 0) this.node[i] = node;
      if (inc !== 0) this.inc[i] = inc;
      this.fresh = i + 1;
    }
    this.term[i] = term;
    this.sentT[i] = sentT;
    this.write[i] = write;
    this.copies[i] = copies;
    this.commitT[i] = commitT;
    this.length = i + 1;
    return i;
  }

  private grow(): void {
    const n = grown(this.kind.length);
    this.kind = widen(this.kind, n);
    this.term = widen(this.term, n);
    this.node = widen(this.node, n);
    this.inc = widen(this.inc, n);
    this.sentT = widen(this.sentT, n);
    this.commitT = widen(this.commitT, n);
    this.copies = widen(this.copies, n);
    this.write = widen(this.write, n);
  }

  /**
   * Make the log n rows long again without copying (see HistoryLog.rewind): rows past n stay until
   * overwritten, and a deterministic replay writes the same rows again.
   */
  rewind(n: number): void {
    checkRewind('log', n, this.kind.length);
    this.length = n;
  }
}
