// What one shard's run may know of the others in a cluster: only Redis Cluster's failover asks (a
// failover needs the votes of a majority of the primaries, and a primary that reaches only a minority of
// them stops taking writes). The cluster steps its shards in one order of time (cluster.ts), so whatever
// a shard reads here is the other shards' state at the same instant.
import type { Simulation } from '../engine';

export interface ClusterBus {
  /** Number of shards, each with one primary (one vote). */
  readonly shards: number;
  /** Every shard's run, by shard index. */
  readonly runs: readonly Simulation[];
}
