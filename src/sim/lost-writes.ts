// A list of lost acknowledged writes that costs a few numbers per write, not an object and a sentence:
// a power cut at 100,000 writes/s can lose millions of them, and the app asks for the list several times a
// second. Entries are in the order of their acknowledgement time, then operation id; each one's words are
// put together only when it is read.
import type { LostWrite } from './types';

export class LostWrites implements Iterable<LostWrite> {
  private constructor(
    readonly length: number,
    /** Operation ids, in list order. */
    private readonly ids: Int32Array,
    /** Acknowledgement times, µs, in list order (ascending). */
    private readonly ackedUs: Float64Array,
    private readonly make: (i: number) => LostWrite,
  ) {}

  /** A list from columns the model filled (lost.ts); `make` builds entry i from them. */
  static fromColumns(ids: Int32Array, ackedUs: Float64Array, make: (i: number) => LostWrite): LostWrites {
    return new LostWrites(ids.length, ids, ackedUs, make);
  }

  /**
   * A list given as objects (tests, summaries made by hand), sorted as the model sorts. `total` may be
   * larger than the entries given when only the first few are known (the page has the count and the first
   * fifty); reading past them throws.
   */
  static of(entries: readonly LostWrite[], total = entries.length): LostWrites {
    const sorted = [...entries].sort((a, b) => a.ackedAtMs - b.ackedAtMs || a.id - b.id);
    const ids = Int32Array.from(sorted, (w) => w.id);
    const acked = Float64Array.from(sorted, (w) => Math.round(w.ackedAtMs * 1000));
    return new LostWrites(Math.max(total, sorted.length), ids, acked, (i) => {
      if (i >= sorted.length) throw new RangeError(`lost writes: only the first ${sorted.length} of ${total} are known`);
      return sorted[i];
    });
  }

  static readonly none = LostWrites.of([]);

  at(i: number): LostWrite {
    if (i < 0 || i >= this.length) throw new RangeError(`lost writes: no entry ${i} of ${this.length}`);
    return this.make(i);
  }

  idAt(i: number): number {
    return this.ids[i];
  }

  ackedUsAt(i: number): number {
    return this.ackedUs[i];
  }

  /** Entries from..to as objects (like Array.prototype.slice). */
  slice(from = 0, to = this.length): LostWrite[] {
    const out: LostWrite[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) out.push(this.make(i));
    return out;
  }

  *[Symbol.iterator](): Iterator<LostWrite> {
    for (let i = 0; i < this.length; i++) yield this.make(i);
  }

  /** The lost operation ids in ascending order (for membership tests by binary search). */
  idsAscending(): Int32Array {
    return this.ids.slice(0, this.length).sort();
  }
}
