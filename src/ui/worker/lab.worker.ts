// The simulation side of the app: one TimeMachine per compared configuration, all on one clock. The page
// asks for "the state at t" each animation frame; playback requests carry a wall-time budget so a slow
// machine falls behind gracefully (the reply says how far it got) instead of freezing.
import { parseScenario } from '../../lesson/file';
import { resolveRuns } from '../../scenario/load';
import { PRESETS } from '../../sim/presets';
import { simulateRun } from '../../sim/run';
import { PaneRunner } from './pane-runner';
import type { Timeline } from '../../sim/timemachine';
import { lessonPauses } from './lesson-pauses';
import { completeClusterRun, completeRun } from './complete-run';
import { isCluster, shardCount } from '../../sim/cluster/specs';
import { checkAppShards } from './app-limits';
import { holdLifeline } from './lifeline';
import { lookAhead, moveAll, nextEventAfter } from './move';
import { ProgressReporter } from './progress';
import type { FrameRequest, LoadRequest, LogLine, Marker, PaneFrame, WorkerReply, WorkerRequest } from './protocol';
import { primaryPlacement } from './protocol';

// tsconfig's DOM lib types `self` as a Window; this file runs in a dedicated worker scope.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply): void;
  close(): void;
};

/** Buckets per run for the charts: fine enough to see a failover, few enough to draw cheaply. */
const BUCKETS = 240;
/** Playback moves in slices this long so the budget check runs often. */
const SLICE_US = 250_000;

let panes: PaneRunner<Timeline>[] = [];
/**
 * The furthest instant the clock has shown. Markers and log lines past it are not sent: computing ahead
 * (Next, pacing's look-ahead) must not show what happens before the learner gets there.
 */
let revealedUs = 0;
let sentVersion = -1;
/** The earliest marker or log line computed but not sent yet (it lies past revealedUs). */
let heldBackFromUs = Infinity;
let lostKey = '';
/** The shard whose detailed view a cluster's panes send (the last frame request's; −1: the overview). */
let openShard = -1;
/** Summaries scan whole histories (hundreds of ms late in a long run): keep them under ~20% of the time. */
let lastSummaryCostMs = 0;
let lastSummaryEnd = -Infinity;
/** Long requests say how far they got, so the page can show it and offer to cancel. */
const progress = new ProgressReporter((reply) => scope.postMessage(reply));
const report = (done: number, total: number) => progress.report(done, total);

holdLifeline((reply) => scope.postMessage(reply));

scope.onmessage = (event) => {
  const req = event.data;
  try {
    if ('id' in req) progress.begin(req.id);
    if (req.type === 'load') load(req);
    else if (req.type === 'debug-fail') debugFail(req.mode);
    else if (req.type === 'inject') {
      const t0 = performance.now();
      // A fault past what is computed: get there first, in slices that report progress.
      if (panes.some((p) => req.tUs > p.now)) moveAll(panes, req.tUs, report);
      for (const p of panes) p.inject(req.tUs, req.fault);
      revealedUs = Math.max(revealedUs, req.tUs);
      sentVersion = -1;
      scope.postMessage(frame(req.id, true, t0));
    } else if (req.type === 'pauses') {
      const pauses = lessonPauses(req.steps, panes.map((p) => ({ spec: p.spec, injected: p.tm.faults })), report);
      scope.postMessage({ type: 'pauses', id: req.id, pauses });
    } else if (req.type === 'trace-hash') {
      const runs = panes.map(({ spec, tm }, i) => {
        if (req.live) return { presetId: spec.presetId, label: spec.label, seed: spec.seed, durationS: tm.now / 1e6, traceHash: tm.sim.traceHash() };
        const durationS = req.durationS ?? spec.durationS;
        if (!req.injected) return { presetId: spec.presetId, label: spec.label, seed: spec.seed, durationS, traceHash: simulateRun({ ...spec, durationS }).traceHash };
        const injected = tm.faults.filter((f) => f.t <= durationS * 1e6);
        const progress = (d: number, end: number) => report(i * end + d, panes.length * end);
        const run = isCluster(spec) ? completeClusterRun({ ...spec, durationS }, injected, progress) : completeRun({ ...spec, durationS }, injected, progress);
        return { presetId: spec.presetId, label: spec.label, seed: spec.seed, durationS, traceHash: run.sim.traceHash() };
      });
      scope.postMessage({ type: 'trace-hash', id: req.id, runs });
    } else handleFrame(req);
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};

function load(req: LoadRequest): void {
  const scenario = parseScenario(req.text, req.sourceName);
  const durationS = req.durationS ?? scenario.durationS;
  const specs = resolveRuns(scenario, req.presets ? { presets: req.presets } : {}).map((s) => ({
    ...s,
    durationS,
    workload: { ...s.workload, ...req.workload },
    seed: req.seed ?? s.seed,
  }));
  checkAppShards(Math.max(scenario.topology.shards ?? 1, ...specs.map(shardCount)));
  const bucketUs = Math.max(100_000, Math.ceil((durationS * 1e6) / BUCKETS));
  panes = specs.map((s, i) => PaneRunner.for(s, i, bucketUs));
  revealedUs = 0;
  heldBackFromUs = Infinity;
  sentVersion = -1;
  lostKey = '';
  openShard = -1;
  scope.postMessage({
    type: 'loaded',
    scenario: {
      id: scenario.id,
      title: scenario.title,
      description: scenario.description,
      seed: specs[0]?.seed ?? scenario.seed,
      durationS,
      workload: specs[0]?.workload ?? scenario.workload,
      presetIds: specs.map((s) => s.presetId),
      topology: { shards: scenario.topology.shards ?? 1, primary: primaryPlacement(scenario.topology) },
      faults: scenario.faults.map((f) => ({ tUs: Math.round(f.atS * 1e6), fault: f.fault })),
    },
    panes: specs.map((s) => ({
      presetId: s.presetId,
      label: s.label,
      standsFor: Object.hasOwn(PRESETS, s.presetId) ? PRESETS[s.presetId as keyof typeof PRESETS].standsFor : '',
      params: s.params,
    })),
    endUs: panes[0]?.tm.endUs ?? durationS * 1e6,
    bucketUs,
  });
}

function handleFrame(req: FrameRequest): void {
  const t0 = performance.now();
  openShard = req.shard ?? -1;
  const target = req.next ? nextEventAfter(panes, Math.round(req.targetUs), report) : Math.round(req.targetUs);
  if (req.exact || target < (panes[0]?.now ?? 0)) {
    moveAll(panes, target, report);
  } else {
    // Every pane reaches the same instant before the next slice starts: the panes never disagree on t.
    let t = panes[0]?.now ?? 0;
    while (t < target) {
      t = Math.min(target, t + SLICE_US);
      for (const p of panes) p.moveTo(t);
      if (performance.now() - t0 > req.budgetMs) break;
    }
  }
  const due = req.exact || performance.now() - lastSummaryEnd > 4 * lastSummaryCostMs;
  const now = panes[0]?.now ?? 0;
  revealedUs = Math.max(revealedUs, now);
  const ahead = req.lookAheadUs !== undefined && panes.length > 0 ? lookAhead(panes, now, now + req.lookAheadUs, LOOK_AHEAD_BUDGET_MS) : undefined;
  const reply = frame(req.id, req.summary && due, t0);
  if (ahead && reply.type === 'frame') reply.ahead = ahead;
  scope.postMessage(reply);
}

/** Pacing's look-ahead may take this much of a frame's wall time; it goes on in the next frames. */
const LOOK_AHEAD_BUDGET_MS = 12;

function frame(id: number, withSummary: boolean, t0: number): WorkerReply {
  const s0 = performance.now();
  const frames: PaneFrame[] = panes.map((p) => {
    const shard = Math.max(0, Math.min(openShard, p.shards - 1));
    const cluster = p.clusterView();
    const f: PaneFrame = cluster ? { view: p.view(shard), cluster, shard } : { view: p.view() };
    if (withSummary) {
      f.summary = cluster && openShard >= 0 ? p.summary(shard) : p.summary();
      f.series = p.series();
    }
    return f;
  });
  if (withSummary) {
    lastSummaryEnd = performance.now();
    lastSummaryCostMs = lastSummaryEnd - s0;
  }
  const reply: WorkerReply = { type: 'frame', id, tUs: panes[0]?.now ?? 0, panes: frames, computeMs: 0 };
  // Markers and log lines change rarely; they are re-sent only when some pane's list changed.
  const version = panes.reduce((sum, p) => sum + p.observer.version, 0);
  const key = withSummary ? frames.map((f) => f.summary?.lostCount ?? 0).join(',') : lostKey;
  // Re-sent too once the clock reaches the earliest marker or line held back, and only then: the lists are
  // rebuilt here, not on every frame.
  if (version !== sentVersion || key !== lostKey || revealedUs >= heldBackFromUs) {
    sentVersion = version;
    lostKey = key;
    heldBackFromUs = Infinity;
    const shown = (l: Marker | LogLine) => {
      if (l.tUs <= revealedUs) return true;
      heldBackFromUs = Math.min(heldBackFromUs, l.tUs);
      return false;
    };
    reply.markers = panes.flatMap((p) => p.markers()).filter(shown).sort(byTime);
    reply.log = panes.flatMap((p) => p.observer.log).filter(shown).sort(byTime);
  }
  reply.computeMs = performance.now() - t0;
  return reply;
}

/** See DebugFailRequest: the two ways a worker dies that the page must survive. */
function debugFail(mode: 'throw' | 'close'): void {
  if (mode === 'close') scope.close();
  // Thrown outside the message handler's catch, as an uncaught error would be.
  else setTimeout(() => {
    throw new Error('the simulation worker was made to fail (debug)');
  });
}

function byTime(a: Marker | LogLine, b: Marker | LogLine): number {
  return a.tUs - b.tUs || a.pane - b.pane;
}
