// Growable lists of 32-bit integers: what the folds keep per row or per operation, at 4 bytes an entry
// (a JS array of numbers takes 8, and a pointer per entry for the collector to look at).

abstract class TypedList<A extends Int32Array | Uint32Array> {
  length = 0;
  items: A;

  constructor(
    private readonly make: (n: number) => A,
    capacity: number,
  ) {
    this.items = make(capacity);
  }

  push(v: number): void {
    if (this.length === this.items.length) {
      const next = this.make(Math.max(256, this.items.length * 2));
      next.set(this.items);
      this.items = next;
    }
    this.items[this.length++] = v;
  }

  last(): number {
    return this.items[this.length - 1];
  }

  truncate(n: number): void {
    if (n < this.length) this.length = n;
  }
}

/** Signed: ids, rows, counts. */
export class IntList extends TypedList<Int32Array> {
  constructor(capacity = 256) {
    super((n) => new Int32Array(n), capacity);
  }
}

/** Unsigned: times in µs (a run is shorter than 2^32 µs, see history.ts). */
export class TimeList extends TypedList<Uint32Array> {
  constructor(capacity = 256) {
    super((n) => new Uint32Array(n), capacity);
  }
}
