// A node's dataset: for each key (by its index in the workload), the entry of the write that last set it.
// An array by key index rather than a Map by key name: every write and read touches one or more datasets,
// and a Map lookup hashed and compared a string each time. Plain data, so a checkpoint copies it as is.
import type { Entry } from './world';

export interface Dataset {
  /** Entry per key index; null: the key is absent. */
  vals: Array<Entry | null>;
  /** Keys present. */
  size: number;
}

export function emptyDataset(keys: number): Dataset {
  const vals: Array<Entry | null> = [];
  // Pushed one by one: `new Array(n)` of a large n makes a slow dictionary-backed array in V8.
  for (let i = 0; i < keys; i++) vals.push(null);
  return { vals, size: 0 };
}

export function setKey(d: Dataset, k: number, e: Entry): void {
  if (d.vals[k] === null) d.size++;
  d.vals[k] = e;
}

export function copyDataset(d: Dataset): Dataset {
  return { vals: d.vals.slice(), size: d.size };
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
