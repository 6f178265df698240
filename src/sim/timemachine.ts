// Time travel over one run. The state at time t means: every event at or before t has happened, and so
// has every fault injected by hand at or before t (a hand-injected fault acts after the other events of
// its instant). Checkpoints at regular simulated intervals plus deterministic replay make any t cheap to
// reach; injecting a fault in the past drops the checkpoints after it, so the future is recomputed.
// Replaying the list of injected faults from t = 0 gives exactly the run the forks produced.
// The run is one Simulation or a Cluster (one Simulation per shard on one clock): a cluster's checkpoint
// is its shards' checkpoints at one instant.
import { expectedRequests } from './init';
import { Simulation } from './engine';
import { Cluster } from './cluster/cluster';
import type { FaultSpec, RunSpec } from './types';
import { CHECKPOINT_BUDGET_BYTES, checkpointCountFor } from './memory';

/** A checkpoint's instant and its own estimate of what it holds. */
export interface TimelineCheckpoint {
  t: number;
  bytes: number;
}

/** What a time machine drives: Simulation and Cluster both are one. */
export interface Timeline {
  readonly now: number;
  readonly endUs: number;
  runUntil(t: number): void;
  injectNow(fault: FaultSpec): void;
  checkpoint(): TimelineCheckpoint;
  /** The append-only records as far as computed, so a restore can come back forward to them. */
  appendOnly(): { t: number };
  /** The hash of everything traced so far: equal states at an instant have equal hashes. */
  traceHash(): string;
  /** Called only with a checkpoint and records this very timeline made (their types are its own). */
  restore(cp: never, from: never): void;
}

/** restore() of a timeline, with the checkpoint and records it made itself. */
function restoreTimeline(sim: Timeline, cp: TimelineCheckpoint, from: { t: number }): void {
  (sim.restore as (cp: TimelineCheckpoint, from: { t: number }) => void).call(sim, cp, from);
}

export interface InjectedFault {
  /** Simulated time, µs. */
  t: number;
  fault: FaultSpec;
}

/**
 * Checkpoints cost a deep copy of the world's mutable part (a few ms); replaying between two of them costs
 * events. Spacing them by about 20,000 events (some 20 ms of replay per pane) keeps a seek within the
 * 100 ms a scrub may take while recording stays cheap, whatever the workload's rate; never closer than
 * 0.5 s. Each node's dataset has a slot per key (dataset.ts), so with very many keys fewer checkpoints fit
 * in the run's budget (memory.ts), and seeks replay further instead.
 */
function defaultIntervalUs(spec: RunSpec): number {
  const eventsPerS = Math.max(1, (expectedRequests(spec) / spec.durationS) * 3.5);
  const byCost = (20_000 / eventsPerS) * 1e6;
  const maxCount = checkpointCountFor(spec.workload.keys, 1 + spec.topology.replicas.length, spec.params.family === 'durable');
  const byCount = (spec.durationS * 1e6) / maxCount;
  return Math.round(Math.max(5e5, byCost, byCount));
}

export class TimeMachine<S extends Timeline = Simulation> {
  readonly spec: RunSpec;
  /** Simulated time between checkpoints; doubled whenever they outgrow their budget. */
  intervalUs: number;
  sim: S;
  private checkpoints: TimelineCheckpoint[] = [];
  private injected: InjectedFault[];
  /**
   * The furthest this timeline has been computed: after seeking back, its append-only records stay here,
   * so seeking forward again restores a later checkpoint instead of recomputing everything.
   */
  private frontier: { t: number } | null = null;

  /**
   * checkpointBudget: bytes the checkpoints may hold together (memory.ts; tests use small ones). make: the
   * run to drive (a Simulation of the spec unless given; clusterTimeMachine gives a Cluster).
   */
  constructor(
    spec: RunSpec,
    injected: InjectedFault[] = [],
    intervalUs?: number,
    private readonly checkpointBudget = CHECKPOINT_BUDGET_BYTES,
    make?: (spec: RunSpec) => S,
  ) {
    this.spec = spec;
    this.injected = [...injected].sort((a, b) => a.t - b.t);
    this.intervalUs = intervalUs ?? defaultIntervalUs(spec);
    this.sim = make ? make(spec) : (new Simulation(spec) as unknown as S);
    this.applyFaultsAt(0);
    this.checkpoints.push(this.sim.checkpoint());
  }

  get now(): number {
    return this.sim.now;
  }

  get endUs(): number {
    return this.sim.endUs;
  }

  get faults(): readonly InjectedFault[] {
    return this.injected;
  }

  /** How far this timeline has been computed (its furthest point, even after seeking back). */
  get reach(): number {
    return Math.max(this.sim.now, this.frontier?.t ?? 0);
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** What the checkpoints hold together, by their own estimate (Checkpoint.bytes). */
  get checkpointBytes(): number {
    let total = 0;
    for (const c of this.checkpoints) total += c.bytes;
    return total;
  }

  private applyFaultsAt(t: number): void {
    for (const f of this.injected) if (f.t === t) this.sim.injectNow(f.fault);
  }

  /** Run forward to t, taking checkpoints and applying injected faults on time. */
  advance(t: number): void {
    const end = Math.min(t, this.sim.endUs);
    while (this.sim.now < end) {
      const nextCp = this.checkpoints[this.checkpoints.length - 1].t + this.intervalUs;
      const now = this.sim.now;
      const nextFault = this.injected.find((f) => f.t > now);
      let stop = Math.min(end, nextCp);
      if (nextFault && nextFault.t < stop) stop = nextFault.t;
      this.sim.runUntil(stop);
      this.applyFaultsAt(stop);
      if (stop === nextCp) this.keep(this.sim.checkpoint());
    }
  }

  /**
   * Keep a checkpoint within the budget (memory.ts): past it, every other checkpoint between the first and the last goes
   * and the spacing doubles. Seeks then replay further, but a long outage at a high rate, where each
   * checkpoint holds a second of requests in flight, cannot fill the tab.
   */
  private keep(cp: TimelineCheckpoint): void {
    this.checkpoints.push(cp);
    while (this.checkpointBytes > this.checkpointBudget && this.checkpoints.length > 2) {
      const last = this.checkpoints.length - 1;
      this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 0 || i === last);
      this.intervalUs *= 2;
    }
  }

  /** Put the simulation in its state at time t, forwards or backwards. */
  seek(t: number): void {
    const target = Math.max(0, Math.min(Math.round(t), this.sim.endUs));
    const now = this.sim.now;
    if (!this.frontier || this.frontier.t <= now) this.frontier = this.sim.appendOnly();
    let i = this.checkpoints.length - 1;
    while (i > 0 && (this.checkpoints[i].t > target || this.checkpoints[i].t > this.frontier.t)) i--;
    const cp = this.checkpoints[i];
    // Jump to the nearest reachable checkpoint at or before the target, backwards or forwards, then replay.
    if (target < now || cp.t > now) restoreTimeline(this.sim, cp, this.frontier);
    this.advance(target);
  }

  /** Inject a fault at time t (now or in the past): the future after t is recomputed from there. */
  inject(t: number, fault: FaultSpec): void {
    const at = Math.max(0, Math.min(Math.round(t), this.sim.endUs));
    this.seek(at);
    this.checkpoints = this.checkpoints.filter((c) => c.t < at);
    this.frontier = null; // the future it recorded is no longer this timeline's
    const f: InjectedFault = { t: at, fault };
    let i = this.injected.length;
    while (i > 0 && this.injected[i - 1].t > at) i--;
    this.injected.splice(i, 0, f);
    this.sim.injectNow(fault);
    this.keep(this.sim.checkpoint());
  }
}

/** A time machine over a cluster's shards (specs.ts: isCluster), all on one clock. */
export function clusterTimeMachine(
  spec: RunSpec,
  injected: InjectedFault[] = [],
  intervalUs?: number,
  checkpointBudget = CHECKPOINT_BUDGET_BYTES,
): TimeMachine<Cluster> {
  return new TimeMachine(spec, injected, intervalUs, checkpointBudget, (s) => new Cluster(s));
}
