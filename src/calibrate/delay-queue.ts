// The queue inside the delaying proxy, kept free of sockets so its semantics can be tested alone: each
// chunk is held for `delayMs` after it arrived, order is kept, a stall holds everything until resumed,
// and discard() throws away what has not left yet, which is exactly the data a crash loses.

export class DelayQueue<T> {
  private items: { at: number; item: T }[] = [];
  private stalled = false;

  constructor(public delayMs: number) {}

  push(item: T, now: number): void {
    this.items.push({ at: now + this.delayMs, item });
  }

  /** Chunks whose time has come, in arrival order; none while stalled. */
  takeDue(now: number): T[] {
    if (this.stalled) return [];
    let k = 0;
    while (k < this.items.length && this.items[k].at <= now) k++;
    return this.items.splice(0, k).map((x) => x.item);
  }

  /** When the next chunk becomes due, or null if nothing is waiting (or the queue is stalled). */
  nextDueAt(): number | null {
    return this.stalled || this.items.length === 0 ? null : this.items[0].at;
  }

  stall(): void {
    this.stalled = true;
  }

  /** Resume after a stall: what queued up becomes due `delayMs` after resuming at the earliest. */
  resume(now: number): void {
    this.stalled = false;
    for (const x of this.items) x.at = Math.max(x.at, now);
  }

  get isStalled(): boolean {
    return this.stalled;
  }

  get length(): number {
    return this.items.length;
  }

  /** Drop everything still queued; returns how many chunks were dropped. */
  discard(): number {
    const n = this.items.length;
    this.items = [];
    return n;
  }
}
