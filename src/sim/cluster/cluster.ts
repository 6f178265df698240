// One run of one preset on a cluster: a run of the engine per shard (specs.ts), on one clock. Shards are
// independent except where Redis Cluster's failover counts the primaries of the others, which it learns
// from the cluster bus (bus.ts): then every shard runs up to each tick of the bus, the tick records every
// shard's primary, and the shards run on to the next. Whatever one shard reads of another is the state at
// the last tick, so a state at time t does not depend on where earlier runs stopped.
import { Simulation, type AppendOnly, type Checkpoint } from '../engine';
import { mixValue, createDigest, digestHex } from '../hash';
import type { FaultSpec, RunSpec } from '../types';
import { BUS_TICK_US, type BusView, type ClusterBus } from './bus';
import { primaryUp } from '../designs/cache-style/cluster-vote';
import { shardSpecs, splitNodeTarget } from './specs';

export interface ClusterCheckpoint {
  t: number;
  shards: Checkpoint[];
  view: BusView;
  bytes: number;
}

export interface ClusterAppendOnly {
  t: number;
  shards: AppendOnly[];
}

export class Cluster implements ClusterBus {
  readonly spec: RunSpec;
  readonly runs: Simulation[];
  readonly shards: number;
  readonly endUs: number;
  /** Shards read the bus (Redis Cluster's votes): they run tick by tick. */
  readonly coupled: boolean;
  view: BusView;

  constructor(spec: RunSpec) {
    this.spec = spec;
    this.runs = shardSpecs(spec).map((s) => new Simulation(s));
    this.shards = this.runs.length;
    this.endUs = Math.round(spec.durationS * 1e6);
    this.coupled = spec.params.family === 'cache' && spec.params.cache.failover.mode === 'cluster';
    for (const r of this.runs) r.cluster = this;
    this.view = { t: 0, az: [], up: [] };
    this.tick(0);
  }

  /** Record every shard's primary as the bus reports it at time t. */
  private tick(t: number): void {
    const az: number[] = [];
    const up: boolean[] = [];
    if (this.coupled) {
      for (const r of this.runs) {
        const p = primaryUp(r);
        az.push(p.az);
        up.push(p.up);
      }
    }
    this.view = { t, az, up };
  }

  get now(): number {
    return this.runs[0].now;
  }

  get done(): boolean {
    return this.now >= this.endUs;
  }

  /** Process every event with time ≤ t in every shard, then set the clocks to t. */
  runUntil(t: number): void {
    const end = Math.min(t, this.endUs);
    if (this.coupled) {
      // Each tick sees every event before it, in every shard, and none at or after it.
      for (let next = this.view.t + BUS_TICK_US; next <= end; next += BUS_TICK_US) {
        for (const r of this.runs) r.runBefore(next);
        this.tick(next);
      }
    }
    for (const r of this.runs) r.runUntil(end);
  }

  runToEnd(): void {
    this.runUntil(this.endUs);
  }

  /**
   * Apply a fault now: one that names a shard's node (`s2.primary`) goes to that shard only; a fault on an
   * AZ or on the power, or on a node without a shard, goes to every shard.
   */
  injectNow(fault: FaultSpec): void {
    if ('node' in fault) {
      const { shard, node } = splitNodeTarget(fault.node);
      if (shard >= 0) {
        this.runs[shard]?.injectNow({ ...fault, node } as FaultSpec);
        return;
      }
    }
    for (const r of this.runs) r.injectNow(fault);
  }

  checkpoint(): ClusterCheckpoint {
    const shards = this.runs.map((r) => r.checkpoint());
    return { t: this.now, shards, view: { t: this.view.t, az: [...this.view.az], up: [...this.view.up] }, bytes: shards.reduce((a, c) => a + c.bytes, 0) };
  }

  appendOnly(): ClusterAppendOnly {
    return { t: this.now, shards: this.runs.map((r) => r.appendOnly()) };
  }

  restore(cp: ClusterCheckpoint, from: ClusterAppendOnly = this.appendOnly()): void {
    this.runs.forEach((r, i) => r.restore(cp.shards[i], from.shards[i]));
    this.view = { t: cp.view.t, az: [...cp.view.az], up: [...cp.view.up] };
  }

  /** Events processed in all shards. */
  get events(): number {
    let n = 0;
    for (const r of this.runs) n += r.w.events;
    return n;
  }

  /** One hash over every shard's trace hash, in shard order. */
  traceHash(): string {
    const d = createDigest();
    for (const r of this.runs) mixValue(d, r.traceHash());
    return digestHex(d);
  }
}
