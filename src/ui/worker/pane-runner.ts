// One compared configuration inside the worker: its TimeMachine, the observer that remembers the computed
// run, and the throttled summary. Moving forward goes bucket boundary by bucket boundary, so replica lag
// is sampled at exact instants and the charts are a function of the run, not of how fast frames came.
// A cluster's pane runs every shard on one clock (a time machine over a Cluster): its outcome table, charts
// and markers are the whole cluster's, combined from the shards' as `npm run sim` combines them
// (summarize.ts), and its picture is either the overview of the shards or one shard's detailed view.
import { TimeMachine, clusterTimeMachine, type Timeline } from '../../sim/timemachine';
import { Simulation } from '../../sim/engine';
import { Cluster } from '../../sim/cluster/cluster';
import { isCluster, shardName } from '../../sim/cluster/specs';
import { mergeLost } from '../../sim/run';
import { combineShardCounts } from '../../check/summarize';
import { clusterView, FailoverCounter, LastAck, writablePercent, type ClusterView } from './cluster-view';
import { viewOf, type PaneView } from '../../sim/view';
import { lostWrites } from '../../sim/lost';
import { forgetFates } from '../../sim/fates';
import { Outcomes, type OutcomeCounts } from '../../check/outcomes';
import { LostWrites } from '../../sim/lost-writes';
import type { FaultSpec, RunSpec, ShardSummary } from '../../sim/types';
import { Observer, type ObservedRun } from './observer';
import type { LiveSummary, Marker, PaneSeries } from './protocol';

const LOST_SHOWN = 50;

/**
 * S: what the time machine drives. A runner made without a time machine builds its own: over a Cluster for
 * a cluster's spec (PaneRunner.for gives that type), over a Simulation otherwise.
 */
export class PaneRunner<S extends Timeline = Simulation> {
  readonly tm: TimeMachine<S>;
  /** The runs on this pane's clock: the one run, or each shard's (in shard order). */
  readonly runs: readonly Simulation[];
  /** The run is a cluster's (more than one shard). */
  readonly cluster: boolean;
  readonly observer: Observer;
  private lost: LostWrites = LostWrites.none;
  private lostMarker: Marker | null = null;
  /** The table's numbers, folded over each run's history as it grows (the folds summarize() uses). */
  private readonly outcomes: Outcomes[];
  private readonly failovers = new FailoverCounter();
  private readonly lastAck = new LastAck();

  constructor(
    readonly spec: RunSpec,
    readonly index: number,
    readonly bucketUs: number,
    tm?: TimeMachine<S>,
  ) {
    this.tm = tm ?? ((isCluster(spec) ? clusterTimeMachine(spec) : new TimeMachine(spec)) as unknown as TimeMachine<S>);
    const sim: Timeline = this.tm.sim;
    if (sim instanceof Cluster) this.runs = sim.runs;
    else if (sim instanceof Simulation) this.runs = [sim];
    else throw new Error('a pane runs a Simulation or a Cluster');
    this.cluster = sim instanceof Cluster;
    // The time machine keeps one history log per run for its whole timeline (restores rewind it in place).
    this.outcomes = this.runs.map((r) => new Outcomes(r.w.historyLog));
    this.observer = new Observer(index, bucketUs, Math.ceil(this.tm.endUs / bucketUs));
    this.observe();
  }

  /** A runner of the spec's own kind: over a Cluster when the spec is a cluster's. */
  static for(spec: RunSpec, index: number, bucketUs: number): PaneRunner<Simulation> | PaneRunner<Cluster> {
    return isCluster(spec) ? new PaneRunner(spec, index, bucketUs, clusterTimeMachine(spec)) : new PaneRunner<Simulation>(spec, index, bucketUs);
  }

  get now(): number {
    return this.tm.now;
  }

  /** Shards in the run (1 for a single-shard run). */
  get shards(): number {
    return this.runs.length;
  }

  private observed(): ObservedRun[] {
    return this.runs.map((r, i) => ({ history: r.w.historyLog, trace: r.w.trace, ...(this.cluster ? { name: shardName(i) } : {}) }));
  }

  private observe(): void {
    this.observer.observeRuns(this.observed(), this.tm.now);
  }

  /** Worst lag among the serving replicas of every run, ms (NaN when none serves). */
  private worstLag(): number {
    let worst = NaN;
    for (const r of this.runs) {
      const lag = worstLagMs(viewOf(r));
      if (!Number.isNaN(lag)) worst = Number.isNaN(worst) ? lag : Math.max(worst, lag);
    }
    return worst;
  }

  /** Forward (or, when t is earlier, back) to t, sampling every bucket boundary on the way. */
  moveTo(t: number): void {
    // Backwards, or forwards over a stretch already computed: restore a checkpoint instead of recomputing.
    if (t < this.tm.now || (t > this.tm.now + this.tm.intervalUs && t <= this.tm.reach)) {
      this.tm.seek(t);
      this.observe();
      return;
    }
    while (this.tm.now < t) {
      const boundary = (Math.floor(this.tm.now / this.bucketUs) + 1) * this.bucketUs;
      const stop = Math.min(t, boundary, this.tm.endUs);
      this.tm.advance(stop);
      this.observe();
      if (stop === boundary) this.observer.sampleBucketEnd(boundary / this.bucketUs - 1, this.worstLag(), this.cluster ? writablePercent(this.runs) : NaN);
      if (stop >= this.tm.endUs) break;
    }
  }

  inject(t: number, fault: FaultSpec): void {
    for (const r of this.runs) forgetFates(r);
    this.tm.inject(t, fault);
    this.observer.forkRunsAt(t, this.observed());
    this.observe();
    for (const o of this.outcomes) o.forkAt(t);
    this.failovers.reset();
    this.lastAck.reset();
    this.lostMarker = null;
  }

  /** The detailed view of one run: the run itself, or shard `shard` of a cluster (the first if out of range). */
  view(shard = 0): PaneView {
    return viewOf(this.runs[shard] ?? this.runs[0], this.spec.label);
  }

  /** The cluster overview at this instant; undefined for a single-shard run. */
  clusterView(): ClusterView | undefined {
    return this.cluster ? clusterView(this.runs, this.failovers, this.lastAck) : undefined;
  }

  /** shard: a cluster's shard whose detailed pane is open; its own lost writes come along for its lost-write box. */
  summary(shard = -1): LiveSummary {
    const perRun = this.runs.map((r, i) => {
      const lost = lostWrites(r);
      const o = this.outcomes[i];
      o.update();
      return { lost, o, c: o.counts(lost, r.w.now) };
    });
    // One run: its own figures; a cluster: its shards' combined as summarize() combines them.
    const lostAcked = this.cluster ? mergeLost(perRun.map((p) => p.lost)) : perRun[0].lost;
    const c = this.cluster ? combineShardCounts(perRun) : perRun[0].c;
    this.lost = lostAcked;
    this.lostMarker = lostAcked.length > 0 ? lostMarkerFor(lostAcked, this.observer.markers, this.index) : null;
    // Same fields, in the same order, as summarize() gives.
    return {
      preset: this.spec.presetId,
      label: this.spec.label,
      family: this.spec.params.family,
      writes: c.writes,
      acked: c.acked,
      rpoMs: c.rpoMs,
      rtoMs: c.rtoMs,
      readRtoMs: c.readRtoMs,
      staleReads: c.staleReads,
      splitBrainMs: c.splitBrainMs,
      unknownWrites: c.unknownWrites,
      refusedWrites: c.refusedWrites,
      writeLatencyMs: c.writeLatencyMs,
      readLatencyMs: c.readLatencyMs,
      ...(this.cluster ? { shards: this.shardSummaries(perRun) } : {}),
      ...(this.cluster && perRun[shard] ? { openShard: { index: shard, lostCount: perRun[shard].lost.length, lostFirst: perRun[shard].lost.slice(0, LOST_SHOWN) } } : {}),
      lostCount: lostAcked.length,
      lostFirst: lostAcked.slice(0, LOST_SHOWN),
    };
  }

  /** Each shard's figures, as summarize() gives them for a cluster (RunSummary.shards). */
  private shardSummaries(perRun: ReadonlyArray<{ lost: LostWrites; c: OutcomeCounts }>): ShardSummary[] {
    return perRun.map(({ lost, c }, i) => {
      const spec = this.runs[i].spec;
      return {
        shard: shardName(i),
        primaryAz: spec.topology.primary,
        keys: spec.workload.keys,
        writes: c.writes,
        acked: c.acked,
        lostAcked: lost.length,
        rpoMs: c.rpoMs,
        rtoMs: c.rtoMs,
        readRtoMs: c.readRtoMs,
      };
    });
  }

  series(): PaneSeries {
    return this.observer.series(this.lost);
  }

  markers(): Marker[] {
    return this.lostMarker ? [...this.observer.markers, this.lostMarker] : this.observer.markers;
  }
}

/**
 * Replica states in which a node holds the data and follows the primary or the log. A node restoring,
 * loading, syncing or catching up has no meaningful lag: its offset is still at its start, so it read as
 * tens of seconds behind and flattened the milliseconds that decide what a failover loses.
 */
const SERVING_REPLICA = new Set(['serving', 'caughtUp', 'campaigning']);

/** Worst lag among the replicas that serve, ms; NaN when none does (a gap in the chart, not a lag of 0). */
export function worstLagMs(view: Pick<PaneView, 'nodes'>): number {
  let worst = NaN;
  for (const n of view.nodes) {
    if (n.role !== 'replica' || !SERVING_REPLICA.has(n.state)) continue;
    worst = Number.isNaN(worst) ? n.lagMs : Math.max(worst, n.lagMs);
  }
  return worst;
}

/** Losses show where they became final: at the first failover after the earliest lost write was acknowledged. */
function lostMarkerFor(lost: LostWrites, markers: Marker[], pane: number): Marker {
  const first = lost.ackedUsAt(0);
  const failover = markers.find((m) => m.kind === 'failover' && m.tUs >= first);
  const n = lost.length;
  return {
    tUs: failover?.tUs ?? Math.round(first),
    kind: 'lost',
    pane,
    text: `${n} acknowledged ${n === 1 ? 'write' : 'writes'} lost`,
  };
}
