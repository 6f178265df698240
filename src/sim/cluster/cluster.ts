// One run of one preset on a cluster: a run of the engine per shard (specs.ts), on one clock. Shards are
// independent except where Redis Cluster's failover counts the primaries of the others (bus.ts); then the
// shards are stepped event by event in one order of time (the earliest next event first, ties to the lower
// shard), so what one shard reads of another is that shard's state at the same instant. Without that
// coupling each shard runs on by itself, which gives the same result faster.
import { Simulation, type AppendOnly, type Checkpoint } from '../engine';
import { mixValue, createDigest, digestHex } from '../hash';
import type { FaultSpec, RunSpec } from '../types';
import type { ClusterBus } from './bus';
import { shardSpecs, splitNodeTarget } from './specs';

export interface ClusterCheckpoint {
  t: number;
  shards: Checkpoint[];
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
  /** Shards must be stepped in one order of time (Redis Cluster's votes). */
  readonly coupled: boolean;

  constructor(spec: RunSpec) {
    this.spec = spec;
    this.runs = shardSpecs(spec).map((s) => new Simulation(s));
    this.shards = this.runs.length;
    this.endUs = Math.round(spec.durationS * 1e6);
    this.coupled = spec.params.family === 'cache' && spec.params.cache.failover.mode === 'cluster';
    for (const r of this.runs) r.cluster = this;
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
      const runs = this.runs;
      for (;;) {
        let pick = -1;
        let best = Infinity;
        for (let i = 0; i < runs.length; i++) {
          const nt = runs[i].nextEventTime();
          if (nt < best) {
            best = nt;
            pick = i;
          }
        }
        if (pick < 0 || best > end) break;
        runs[pick].step();
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
    return { t: this.now, shards, bytes: shards.reduce((a, c) => a + c.bytes, 0) };
  }

  appendOnly(): ClusterAppendOnly {
    return { t: this.now, shards: this.runs.map((r) => r.appendOnly()) };
  }

  restore(cp: ClusterCheckpoint, from: ClusterAppendOnly = this.appendOnly()): void {
    this.runs.forEach((r, i) => r.restore(cp.shards[i], from.shards[i]));
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
