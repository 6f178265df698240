// Messages between the page and lab.worker.ts. Only what one frame needs crosses the boundary: the
// panes' views at the reached time, and (when asked) summaries, series, markers and log lines. Whole
// histories stay in the worker, since copying them every frame would cost more than drawing them.
import type { LessonStep } from '../../lesson/schema';
import type { AZ, FaultSpec, LostWrite, PresetParams, RunSummary, Workload } from '../../sim/types';
import type { PaneView } from '../../sim/view';
import type { ClusterView } from './cluster-view';

export interface LoadRequest {
  type: 'load';
  text: string;
  sourceName: string;
  /** Preset ids or labels; absent = the scenario's own. */
  presets?: string[];
  workload?: Partial<Workload>;
  durationS?: number;
  /** Overrides the scenario's seed. */
  seed?: number;
}

/**
 * Move every pane to `targetUs`. `exact` seeks there whatever it costs (scrubbing, stepping); otherwise the
 * worker stops early once `budgetMs` of wall time is spent, and the reply says how far it got.
 */
export interface FrameRequest {
  type: 'frame';
  id: number;
  targetUs: number;
  exact: boolean;
  budgetMs: number;
  /** Also recompute summaries and lost writes (they scan whole histories, so the page throttles this). */
  summary: boolean;
  /**
   * Go instead to the first logged event of any pane after `targetUs`, computing ahead as far as it takes
   * (the end of the run when nothing more happens); the reply's tUs is that event's instant.
   */
  next?: boolean;
  /**
   * Pacing: after the move, also compute up to this far ahead (µs, within the frame's budget) and say where
   * the faults and failovers are, so the page can slow down before them. Nothing ahead is shown.
   */
  lookAheadUs?: number;
  /** A cluster's panes: the shard whose detailed view to send (0-based); absent or −1: the overview, with shard 1's view. */
  shard?: number;
}

/** Apply one fault to every pane at the same simulated instant; the future after it is recomputed. */
export interface InjectRequest {
  type: 'inject';
  id: number;
  tUs: number;
  fault: FaultSpec;
}

/** The part of a lesson step that says where it pauses. */
export type PauseStep = Pick<LessonStep, 'at' | 'until'>;

/**
 * Where each lesson step pauses in the loaded scenario (with the faults injected so far): its `at`, or the
 * first time its `until` condition holds over the panes' complete runs; null when it never does.
 */
export interface PausesRequest {
  type: 'pauses';
  id: number;
  steps: PauseStep[];
}

/**
 * The trace hash of each pane's run of the loaded scenario and seed, without faults injected by hand,
 * computed from scratch for `durationS` (default: the loaded length). Node gives the same for the same run.
 */
export interface TraceHashRequest {
  type: 'trace-hash';
  id: number;
  durationS?: number;
  /** With the faults injected by hand so far, replayed from 0 s (the run the panes show). */
  injected?: boolean;
  /**
   * The hash of the state each pane shows now, however the clock got there (durationS is then the
   * instant): a function of the instant, so playing, seeking and stepping to it give one hash.
   */
  live?: boolean;
}

/**
 * For the browser tests only: the worker dies as a broken one would (an uncaught error, or a silent end).
 * Only a script in the page can send it (src/ui/debug/WorkerFailure.svelte); no link or file reaches it.
 */
export interface DebugFailRequest {
  type: 'debug-fail';
  mode: 'throw' | 'close';
}

export type WorkerRequest = LoadRequest | FrameRequest | InjectRequest | PausesRequest | TraceHashRequest | DebugFailRequest;

export interface TraceHashRun {
  presetId: string;
  label: string;
  seed: number;
  durationS: number;
  traceHash: string;
}

export interface PaneMeta {
  presetId: string;
  label: string;
  standsFor: string;
  params: PresetParams;
}

/** Where a cluster's primaries are: every shard's in one AZ, or turned shard by shard (topology.primary). */
export type PrimaryPlacement = AZ | 'spread';

/** A loaded topology's placement of primaries, as the file's topology.primary says it. */
export function primaryPlacement(topology: { primary: AZ; spread?: boolean }): PrimaryPlacement {
  return topology.spread ? 'spread' : topology.primary;
}

export interface ScenarioMeta {
  id: string;
  title: string;
  description: string;
  seed: number;
  durationS: number;
  workload: Workload;
  presetIds: string[];
  /** Its shards (1: not a cluster) and where their primaries are, as the file says them. */
  topology: { shards: number; primary: PrimaryPlacement };
  /** The scenario's own faults, in the file's order (the timeline shows them from the start). */
  faults: Array<{ tUs: number; fault: FaultSpec }>;
}

/** A RunSummary without its long lists: the count of lost writes and the first few of them. */
export interface LiveSummary extends Omit<RunSummary, 'lostAcked' | 'staleReadSamples' | 'linearizability'> {
  lostCount: number;
  lostFirst: LostWrite[];
  /** A cluster's shard whose detailed pane is open (0-based): its own lost writes, for its lost-write box. */
  openShard?: { index: number; lostCount: number; lostFirst: LostWrite[] };
}

export type MarkerKind = 'fault' | 'failover' | 'lost';

export interface Marker {
  tUs: number;
  kind: MarkerKind;
  pane: number;
  text: string;
}

export interface LogLine {
  tUs: number;
  pane: number;
  text: string;
}

/** Per-bucket chart data of one pane; index i covers [i·bucketUs, (i+1)·bucketUs). */
export interface PaneSeries {
  /** Write latency of writes acknowledged in the bucket, ms (NaN when none). */
  p50: number[];
  p99: number[];
  /** Worst replica lag at the end of the bucket, ms (NaN when not sampled yet). */
  lagMs: number[];
  /** Writes acknowledged in the bucket. */
  acked: number[];
  /** Lost acknowledged writes by the bucket they were acknowledged in (as known at the reached time). */
  lost: number[];
  /** A cluster's share of the keyspace (hash slots) writable at the end of the bucket, % (NaN: one shard, or not sampled). */
  writablePct: number[];
}

export interface PaneFrame {
  /** The run's detailed view; a cluster's: that of shard `shard`. */
  view: PaneView;
  /** A cluster's run: the overview of its shards, and which shard `view` is of. */
  cluster?: ClusterView;
  shard?: number;
  summary?: LiveSummary;
  series?: PaneSeries;
}

export type WorkerReply =
  | { type: 'loaded'; scenario: ScenarioMeta; panes: PaneMeta[]; endUs: number; bucketUs: number }
  | {
      type: 'frame';
      id: number;
      tUs: number;
      panes: PaneFrame[];
      /** Known so far up to the furthest computed time (sent only when they changed). */
      markers?: Marker[];
      log?: LogLine[];
      /** Wall time the worker spent on this frame. */
      computeMs: number;
      /** Answer to lookAheadUs: computed to toUs, with the faults' and failovers' instants after tUs. */
      ahead?: { toUs: number; moments: number[] };
    }
  /** Answer to a PausesRequest: simulated µs per step, in step order. */
  | { type: 'pauses'; id: number; pauses: Array<number | null> }
  /** Answer to a TraceHashRequest, in pane order. */
  | { type: 'trace-hash'; id: number; runs: TraceHashRun[] }
  | { type: 'error'; message: string }
  /** How far the request `id` has got (0 to 1); sent only while a request runs long. */
  | { type: 'progress'; id: number; fraction: number }
  /** The worker holds the Web Lock `lock` until it ends, so the page learns of any end (src/ui/worker/lifeline.ts). */
  | { type: 'alive'; lock: string };
