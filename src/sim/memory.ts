// What one run may hold, so that the worst file the loader accepts still fits in a browser tab (README:
// "Memory budget"). The figures are upper bounds measured by `npm run bench` on the reference workloads;
// a test keeps the measured bytes per operation under BYTES_PER_OPERATION.

/**
 * Bytes held per simulated operation by the engine's tables (history, write table, acknowledgements,
 * transaction log), the outcome folds and the app's timeline of the run, with room to spare.
 */
export const BYTES_PER_OPERATION = 125;

/** One copy of every node's per-key tables: a dataset slot, and for a log-durable primary a dirty mark. */
export function datasetCopyBytes(keys: number, nodes: number, durable: boolean): number {
  return keys * nodes * (durable ? 8 : 4) + 16 * 1024;
}

/**
 * The time machine's checkpoints of one pane stay within this: each holds a copy of the datasets and of
 * everything in flight, and past the budget every other one is dropped (timemachine.ts).
 */
export const CHECKPOINT_BUDGET_BYTES = 64 * 2 ** 20;

/** Checkpoints a run plans for given its keyspace: at least two (the start and one more), at most 200. */
export function checkpointCountFor(keys: number, nodes: number, durable: boolean): number {
  return Math.max(2, Math.min(200, Math.floor(CHECKPOINT_BUDGET_BYTES / datasetCopyBytes(keys, nodes, durable))));
}

/** What a request in flight costs in a copy of the world (its object, its events). */
export const IN_FLIGHT_BYTES = 250;

export interface RunShape {
  operations: number;
  /** Requests per second. */
  rate: number;
  keys: number;
  nodes: number;
  durable: boolean;
  /** The client timeout, s: at most this many seconds of requests are in flight. */
  timeoutS: number;
}

/**
 * Everything one pane of the app holds at most over its whole run: its tables, the live datasets, and
 * its checkpoints, each a copy of the datasets and of up to a timeout's worth of requests, within the
 * budget. The command line holds less (no checkpoints, one run at a time).
 */
export function runBytes(r: RunShape): number {
  const copy = datasetCopyBytes(r.keys, r.nodes, r.durable);
  const checkpoint = copy + r.rate * r.timeoutS * IN_FLIGHT_BYTES;
  const checkpoints = Math.min(CHECKPOINT_BUDGET_BYTES + checkpoint, checkpointCountFor(r.keys, r.nodes, r.durable) * checkpoint);
  return Math.ceil(r.operations * BYTES_PER_OPERATION + copy + checkpoint + checkpoints);
}

/**
 * The sum over a scenario's panes may not pass this: a browser tab has room for about 1.5 GB before it
 * is killed, and the page, the code and the worker's own heap take the rest.
 */
export const SCENARIO_MEMORY_BUDGET_BYTES = 1200 * 2 ** 20;
