// What one shard's run may know of the others in a cluster: only Redis Cluster's failover asks (a
// failover needs the votes of a majority of the primaries, and a primary that reaches only a minority of
// them stops taking writes). Shards learn of each other as the cluster bus's gossip tells them: here, as
// every shard's primary stood at the last tick of the bus, every BUS_TICK_US of simulated time [A]. Between
// two ticks the shards do not depend on each other, so each runs on by itself, and a state at time t is
// the same however t was reached (cluster.ts).
import type { Simulation } from '../engine';

/** Redis Cluster nodes ping a few others every 100 ms; what a shard knows of the others is this old at most. [A, R-CSPEC] */
export const BUS_TICK_US = 100_000;

/** Every shard's primary as the last tick saw it. */
export interface BusView {
  /** Time of the tick, µs. */
  t: number;
  /** AZ index of each shard's primary node. */
  az: number[];
  /** Its process ran and it acted as primary. */
  up: boolean[];
}

export interface ClusterBus {
  /** Number of shards, each with one primary (one vote). */
  readonly shards: number;
  /** Every shard's run, by shard index. */
  readonly runs: readonly Simulation[];
  /** The shards' primaries as of the last tick. */
  readonly view: BusView;
}
