// What the append-only tables of a run (history, acknowledgements, writes, transaction log) share, and
// the per-operation tables of the app's worker: typed columns grow by doubling, and a rewind may not go
// past the rows they kept.

type Column = Uint8Array | Int8Array | Int32Array | Uint32Array | Float64Array;

/** Capacity of a table after it grows from `capacity` rows. */
export function grown(capacity: number): number {
  return Math.max(1024, capacity * 2);
}

/** A copy of a column with room for n rows; the new rows hold `fill` (0 by default). */
export function widen<A extends Column>(from: A, n: number, fill = 0): A {
  const to = new (from.constructor as new (n: number) => A)(n);
  if (fill !== 0) to.fill(fill);
  to.set(from);
  return to;
}

/** Refuse to rewind a table to more rows than it kept. */
export function checkRewind(table: string, n: number, capacity: number): void {
  if (n > capacity) throw new Error(`${table}: cannot rewind to ${n} rows, only ${capacity} were kept`);
}
