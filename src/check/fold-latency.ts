// Latency as the client saw it, from sending the request to reading the successful reply; failed and
// timed-out requests are left out, because their duration says how long the client waited, not how fast
// the database was. Samples are whole microseconds. Those under LIMIT (almost all of them) are counted
// in a histogram, so adding one is an increment and a summary walks a few hundred block counts; the rare
// larger ones (a failover's waits) and any negative one go into a sorted list. Percentiles are nearest
// rank (no interpolation), so every value reported was really observed.
import type { LatencySummary } from '../sim/types';
import { IntList } from './int-list';
import { roundMs, usToMs } from './units';

/** Samples in [0, LIMIT) µs go into the histogram: 131 ms covers every latency outside a failure. */
const LIMIT = 1 << 17;
const BLOCK_SHIFT = 8;

/** A sorted list that takes samples in batches: the few outside the histogram's range. */
class SortedList {
  sorted = new Float64Array(0);
  private pending: number[] = [];
  /** In the order added. */
  readonly added: number[] = [];

  add(v: number): void {
    this.pending.push(v);
    this.added.push(v);
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const add = Float64Array.from(this.pending).sort();
    this.pending = [];
    const old = this.sorted;
    const out = new Float64Array(old.length + add.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < add.length) out[k++] = old[i] <= add[j] ? old[i++] : add[j++];
    while (i < old.length) out[k++] = old[i++];
    while (j < add.length) out[k++] = add[j++];
    this.sorted = out;
  }

  /** Forget the samples added after the first n. */
  truncate(n: number): void {
    if (n >= this.added.length) return;
    this.flush();
    const gone = Float64Array.from(this.added.slice(n)).sort();
    this.added.length = n;
    const old = this.sorted;
    const out = new Float64Array(old.length - gone.length);
    let j = 0;
    let k = 0;
    for (let i = 0; i < old.length; i++) {
      if (j < gone.length && old[i] === gone[j]) j++;
      else out[k++] = old[i];
    }
    if (j !== gone.length || k !== out.length) throw new Error('latency samples out of step');
    this.sorted = out;
  }
}

export class LatencySamples {
  private counts = new Int32Array(LIMIT);
  private blocks = new Int32Array(LIMIT >> BLOCK_SHIFT);
  private inRange = 0;
  private outside = new SortedList();
  /** Every sample in the order it was added (its length is what a checkpoint remembers). */
  private readonly added = new IntList();

  get count(): number {
    return this.added.length;
  }

  add(us: number): void {
    // Whole microseconds in 32 bits: a latency is bounded by the client's timeout, far below 35 minutes.
    const v = Math.max(-0x80000000, Math.min(0x7fffffff, Math.round(us)));
    this.added.push(v);
    if (v >= 0 && v < LIMIT) {
      this.counts[v]++;
      this.blocks[v >> BLOCK_SHIFT]++;
      this.inRange++;
    } else this.outside.add(v);
  }

  /** Add every sample of `other` (a cluster's latency: each shard's samples together). */
  merge(other: LatencySamples): void {
    const items = other.added.items;
    for (let i = 0; i < other.added.length; i++) this.add(items[i]);
  }

  /** Forget the samples added after the first n. */
  truncate(n: number): void {
    const added = this.added;
    if (n >= added.length) return;
    let outsideGone = 0;
    for (let i = n; i < added.length; i++) {
      const v = added.items[i];
      if (v >= 0 && v < LIMIT) {
        this.counts[v]--;
        this.blocks[v >> BLOCK_SHIFT]--;
        this.inRange--;
      } else outsideGone++;
    }
    added.truncate(n);
    if (outsideGone > 0) this.outside.truncate(this.outside.added.length - outsideGone);
  }

  /** The r-th smallest sample, 1-based. */
  private rank(r: number): number {
    const out = this.outside.sorted;
    let negatives = 0;
    while (negatives < out.length && out[negatives] < 0) negatives++;
    if (r <= negatives) return out[r - 1];
    let left = r - negatives;
    if (left > this.inRange) return out[negatives + left - this.inRange - 1];
    let b = 0;
    while (this.blocks[b] < left) left -= this.blocks[b++];
    let v = b << BLOCK_SHIFT;
    while (this.counts[v] < left) left -= this.counts[v++];
    return v;
  }

  summary(): LatencySummary {
    this.outside.flush();
    const n = this.added.length;
    if (n === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
    const at = (p: number) => this.rank(Math.max(1, Math.ceil((p / 100) * n)));
    return { count: n, p50: roundMs(usToMs(at(50))), p99: roundMs(usToMs(at(99))), max: roundMs(usToMs(this.rank(n))) };
  }
}
