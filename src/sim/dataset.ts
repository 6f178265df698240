// A node's dataset: for each key (by its index in the workload), the write (its index in writes.ts) that
// last set it. An array by key index rather than a Map by key name: every write and read touches one or
// more datasets, and a Map lookup hashed and compared a string each time. A typed array of numbers, so a
// checkpoint copies it in one move.

export interface Dataset {
  /** Write index per key index; ABSENT: the key is absent. */
  vals: Int32Array;
  /** Keys present. */
  size: number;
}

export const ABSENT = -1;

/**
 * Every dataset is built here, by one object literal, so that all of them (restored copies included)
 * share one hidden class and the engine's optimised code never meets another.
 */
export function dataset(vals: Int32Array, size: number): Dataset {
  return { vals, size };
}

export function emptyDataset(keys: number): Dataset {
  return dataset(new Int32Array(keys).fill(ABSENT), 0);
}

export function setKey(d: Dataset, k: number, write: number): void {
  if (d.vals[k] === ABSENT) d.size++;
  d.vals[k] = write;
}

export function copyDataset(d: Dataset): Dataset {
  return dataset(d.vals.slice(), d.size);
}

/**
 * Per key, the log index of the newest write a durable primary took for it (its reply waits for that
 * index to commit), HELD while the write waits for a quorum, NONE if there is none.
 */
export const DIRTY_NONE = -1;
export const DIRTY_HELD = -2;

export function emptyDirty(keys: number): Int32Array {
  return new Int32Array(keys).fill(DIRTY_NONE);
}
