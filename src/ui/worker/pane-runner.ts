// One compared configuration inside the worker: its TimeMachine, the observer that remembers the computed
// run, and the throttled summary. Moving forward goes bucket boundary by bucket boundary, so replica lag
// is sampled at exact instants and the charts are a function of the run, not of how fast frames came.
import { TimeMachine } from '../../sim/timemachine';
import { viewOf, type PaneView } from '../../sim/view';
import { lostWrites } from '../../sim/lost';
import { forgetFates } from '../../sim/fates';
import { Outcomes } from '../../check/outcomes';
import { LostWrites } from '../../sim/lost-writes';
import type { FaultSpec, RunSpec } from '../../sim/types';
import { Observer } from './observer';
import type { LiveSummary, Marker, PaneSeries } from './protocol';

const LOST_SHOWN = 50;

export class PaneRunner {
  readonly tm: TimeMachine;
  readonly observer: Observer;
  private lost: LostWrites = LostWrites.none;
  private lostMarker: Marker | null = null;
  /** The table's numbers, folded over the history as it grows (the folds summarize() uses). */
  private readonly outcomes: Outcomes;

  constructor(
    readonly spec: RunSpec,
    readonly index: number,
    readonly bucketUs: number,
  ) {
    this.tm = new TimeMachine(spec);
    // The time machine keeps one history log for its whole timeline (restores rewind it in place).
    this.outcomes = new Outcomes(this.tm.sim.w.historyLog);
    this.observer = new Observer(index, bucketUs, Math.ceil(this.tm.endUs / bucketUs));
    this.observe();
  }

  get now(): number {
    return this.tm.now;
  }

  private observe(): void {
    this.observer.observe(this.tm.sim.w.historyLog, this.tm.sim.w.trace, this.tm.now);
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
      if (stop === boundary) this.observer.sampleLag(boundary / this.bucketUs - 1, worstLagMs(viewOf(this.tm.sim)));
      if (stop >= this.tm.endUs) break;
    }
  }

  inject(t: number, fault: FaultSpec): void {
    forgetFates(this.tm.sim);
    this.tm.inject(t, fault);
    this.observer.forkAt(t, this.tm.sim.w.historyLog, this.tm.sim.w.trace);
    this.observe();
    this.outcomes.forkAt(t);
    this.lostMarker = null;
  }

  view(): PaneView {
    return viewOf(this.tm.sim, this.spec.label);
  }

  summary(): LiveSummary {
    const sim = this.tm.sim;
    const lostAcked = lostWrites(sim);
    this.outcomes.update();
    const c = this.outcomes.counts(lostAcked, sim.w.now);
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
      lostCount: lostAcked.length,
      lostFirst: lostAcked.slice(0, LOST_SHOWN),
    };
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
