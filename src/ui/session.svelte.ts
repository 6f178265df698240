// Main-thread state of the app: the shared clock, play/pause and speed, and the one request in flight to
// the worker. Each animation frame asks the worker for "the state at t"; the clock shows the time the
// worker actually reached, so when it cannot keep up the effective speed drops instead of the tab freezing.
// The session also remembers the last state that ran well (scenario, faults, clock): cancelling a long
// computation, or a worker that fails, ends the worker and starts a new one there.
import type { FaultSpec } from '../sim/types';
import type { InjectedFault } from '../sim/timemachine';
import { FaultPlan, type InjectedEntry } from './faults/plan';
import { progressLabel } from './progress/label';
import { WorkerConnection } from './worker/connection';
import { WorkerGone } from './worker/gone';
import type {
  LiveSummary,
  PauseStep,
  TraceHashRun,
  LoadRequest,
  LogLine,
  Marker,
  PaneFrame,
  PaneMeta,
  PaneSeries,
  ScenarioMeta,
  WorkerReply,
  WorkerRequest,
} from './worker/protocol';

import { MAX_SPEED, MIN_SPEED } from './controls/speed';
import { PACE, paceAt, paceNote, pacedStep, scaleFor } from './controls/pacing';

/** Pacing applies up to this speed. */
export const PACE_MAX_SPEED = 10;
/** Pacing looks this far ahead of the clock (simulated µs), and asks again when less than the minimum is known. */
const LOOK_AHEAD_US = 8_000_000;
const LOOK_AHEAD_MIN_US = 3_000_000;

/** Playback never blocks the worker longer than this per frame, so seeks and faults stay responsive. */
const FRAME_BUDGET_MS = 12;
/** Summaries scan whole histories: at most this often while playing (and always at pause or seek). */
const SUMMARY_EVERY_MS = 300;
/** A stalled tab (background, debugger) must not turn into one giant leap of simulated time. */
const MAX_WALL_STEP_MS = 100;

export type Status = 'loading' | 'ready' | 'error';

/** A long computation the worker reports on. */
export interface Progress {
  label: string;
  /** 0 to 1. */
  fraction: number;
  /** False while a previous run is being restored: there is nothing further back to go to. */
  cancellable: boolean;
}

/** Where a cancel or a failed worker brings the lab back to: the last state that ran well. */
interface GoodState {
  request: LoadRequest;
  plan: FaultPlan;
  tUs: number;
  title: string;
  /** What the page keeps about this run besides the request (see Session.contextOf). */
  context: unknown;
}

type Restore = { injected?: readonly InjectedFault[]; tUs?: number };

export class Session {
  status = $state<Status>('loading');
  error = $state('');
  scenario = $state.raw<ScenarioMeta | null>(null);
  panes = $state.raw<PaneMeta[]>([]);
  endUs = $state(0);
  bucketUs = $state(1);
  tUs = $state(0);
  playing = $state(false);
  speed = $state(1);
  effectiveSpeed = $state(1);
  frames = $state.raw<PaneFrame[]>([]);
  summaries = $state.raw<Array<LiveSummary | undefined>>([]);
  series = $state.raw<Array<PaneSeries | undefined>>([]);
  markers = $state.raw<Marker[]>([]);
  log = $state.raw<LogLine[]>([]);
  /** The faults injected by hand: the one list the timeline, the share link, the export and the worker follow. */
  plan = $state.raw<FaultPlan>(FaultPlan.empty);
  progress = $state.raw<Progress | null>(null);
  announcement = $state('');
  lastComputeMs = $state(0);
  /** The worker has work queued or in hand (tests and the benchmark wait for it to settle). */
  busy = $state(true);
  /** Pacing (controls/pacing.ts): slow near faults and failovers, fast between them. On unless turned off. */
  pacing = $state(true);
  /** With reduced motion, pacing jumps over quiet stretches instead of speeding through them. */
  reducedMotion = $state(false);
  /** What pacing is doing to the clock, said on screen while playing ('' when it does nothing). */
  paceText = $state('');
  /** The speed playback aims at this frame: the chosen one, times pacing's (for "cannot keep up"). */
  intendedSpeed = $state(1);
  /** A cluster's run: the shard whose detailed pane is open in every pane (0-based), or −1 for the overview. */
  shard = $state(-1);

  /** Read each time a good state is recorded: what the page must get back with it (its scenario source). */
  contextOf: () => unknown = () => undefined;
  /** The page puts back its part of a good state (see contextOf) before the session restores the run. */
  onrestore: (context: unknown) => void = () => {};
  /** A failure the page shows: what happened and what was restored. */
  onfailure: (title: string, text: string) => void = () => {};

  private worker: WorkerConnection | null = null;
  private lastLoad: LoadRequest | null = null;
  private good: GoodState | null = null;
  /** The good state being brought back after a cancel or a failure; null otherwise. */
  private restoring: GoodState | null = null;
  private current: WorkerRequest | null = null;
  private inFlight = false;
  private nextId = 1;
  /** Replies to requests numbered below this were asked of the scenario before the last load. */
  private loadFirstId = 1;
  private pendingSeek: number | null = null;
  /** Next was asked for from this instant: the worker finds the event, so the clock waits for its reply. */
  private pendingNext: number | null = null;
  /** Pacing's look-ahead: faults and failovers found ahead of the clock, known up to aheadToUs. */
  private aheadMoments: number[] = [];
  private aheadToUs = 0;
  /** A lesson step that would take too long at its pace is played this much faster, all of it. */
  private stepScale = 1;
  private pendingInject: InjectedEntry[] = [];
  private wantSummary = false;
  private lastWall = 0;
  private lastSummaryWall = -Infinity;
  private raf = 0;
  private seekStartedAt = 0;
  private autoplay = false;
  private restore: Restore | null = null;
  /** Playback pauses exactly here (a lesson step's pause); cleared by reaching it, seeking or loading. */
  private stopAtUs: number | null = null;
  private pendingPauses: Array<{ steps: PauseStep[] } & Waiter<Array<number | null>>> = [];
  private pauseWaiters = new Map<number, Waiter<Array<number | null>>>();
  private pendingHashes: Array<{ durationS?: number; injected: boolean; live: boolean } & Waiter<TraceHashRun[]>> = [];
  private hashWaiters = new Map<number, Waiter<TraceHashRun[]>>();

  get injected(): readonly InjectedEntry[] {
    return this.plan.injected;
  }

  start(request: LoadRequest, autoplay = false, restore?: Restore): void {
    this.connect();
    this.load(request, autoplay, restore);
    if (!this.raf) this.raf = requestAnimationFrame((t) => this.tick(t));
  }

  private connect(): void {
    this.worker?.close();
    this.worker = new WorkerConnection(
      (reply) => this.receive(reply),
      (reason) => this.recover(reason),
    );
  }

  /**
   * Loads a scenario. `restore` replays faults injected by hand and moves the clock once the panes exist
   * (a share link or an imported file); `autoplay` then starts from there.
   */
  load(request: LoadRequest, autoplay = this.playing, restore?: Restore): void {
    this.lastLoad = request;
    this.restore = restore ?? null;
    this.autoplay = autoplay;
    this.status = 'loading';
    this.playing = false;
    this.tUs = 0;
    this.plan = FaultPlan.empty;
    this.markers = [];
    this.log = [];
    this.pendingSeek = null;
    this.pendingNext = null;
    this.aheadMoments = [];
    this.aheadToUs = 0;
    this.stepScale = 1;
    this.pendingInject = [];
    this.stopAtUs = null;
    this.inFlight = true;
    this.busy = true;
    this.current = request;
    this.progress = null;
    this.loadFirstId = this.nextId;
    this.send(request);
  }

  /** Back to t = 0 with the scenario's own faults only. */
  reset(): void {
    if (this.lastLoad) this.load(this.lastLoad, false);
  }

  stop(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.worker?.close();
    this.worker = null;
  }

  /** Stops the long computation under way and goes back to the last state that ran well. */
  cancel(): void {
    if (!this.progress?.cancellable) return;
    this.restart(true);
    this.announcement = this.good ? `Cancelled. Back at ${(this.good.tUs / 1e6).toFixed(3)} s.` : 'Cancelled.';
  }

  /** For the browser tests (src/ui/debug): the worker dies as a broken one would. */
  debugFail(mode: 'throw' | 'close'): void {
    this.send({ type: 'debug-fail', mode });
  }

  play(): void {
    if (this.status !== 'ready') return;
    if (this.tUs >= this.endUs) this.seek(0);
    this.playing = true;
    this.lastWall = performance.now();
  }

  pause(): void {
    this.playing = false;
    this.paceText = '';
    this.wantSummary = true;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
  }

  /** Plays on from here and pauses exactly at tUs; when tUs is not ahead, seeks there and pauses. */
  playTo(tUs: number): void {
    const target = Math.max(0, Math.min(this.endUs, Math.round(tUs)));
    if (target <= (this.pendingSeek ?? this.tUs)) {
      this.pause();
      this.seek(target);
      return;
    }
    this.play();
    this.stopAtUs = target;
    this.stepScale = 1;
  }

  /**
   * Where each lesson step pauses in the loaded scenario, from the panes' complete runs (see
   * worker/lesson-pauses.ts). Answered after any load, seek or injection asked for before it.
   */
  lessonPauses(steps: PauseStep[]): Promise<Array<number | null>> {
    return new Promise((resolve, reject) => this.pendingPauses.push({ steps, resolve, reject }));
  }

  /**
   * Trace hash of each pane's run of the loaded scenario and seed, computed afresh in the worker
   * (determinism checks); with `injected`, with the faults injected by hand so far.
   */
  traceHashes(durationS?: number, injected = false, live = false): Promise<TraceHashRun[]> {
    return new Promise((resolve, reject) => this.pendingHashes.push({ durationS, injected, live, resolve, reject }));
  }

  /** The instants pacing slows down for: faults and failovers known so far, the scenario's and yours. */
  private moments(): number[] {
    const all = new Set<number>(this.aheadMoments);
    for (const m of this.markers) all.add(m.tUs);
    for (const f of this.scenario?.faults ?? []) all.add(f.tUs);
    for (const f of this.plan.injected) all.add(f.tUs);
    return [...all].sort((a, b) => a - b);
  }

  seek(tUs: number): void {
    this.stopAtUs = null;
    this.pendingNext = null;
    this.pendingSeek = Math.max(0, Math.min(this.endUs, Math.round(tUs)));
    this.tUs = this.pendingSeek;
    this.busy = true; // queued already: the clock shows the target before the worker has it
    this.seekStartedAt = performance.now();
  }

  /**
   * To the next logged event of any pane, which the worker computes ahead to find (the end of the run when
   * nothing more happens), or to the previous one (0 s when there is none). The clock lands on the event's
   * instant exactly.
   */
  step(direction: 1 | -1): void {
    this.pause();
    const t = this.pendingNext ?? this.pendingSeek ?? this.tUs;
    if (direction < 0) {
      this.seek(this.log.findLast((l) => l.tUs < t)?.tUs ?? 0);
      return;
    }
    if (t >= this.endUs) return;
    this.stopAtUs = null;
    this.pendingSeek = null;
    this.pendingNext = t;
    this.busy = true;
    this.seekStartedAt = performance.now();
  }

  /**
   * The same fault, at the same simulated instant, in every pane; returns that instant. It joins the plan,
   * which keeps every fault injected before, earlier or later on the clock, as the time machine does.
   */
  inject(fault: FaultSpec, atUs?: number): number {
    this.plan = this.plan.inject(atUs ?? this.pendingSeek ?? this.tUs, $state.snapshot(fault) as FaultSpec);
    const entry = this.plan.edits[this.plan.edits.length - 1];
    // The future after the fault is recomputed: what the look-ahead found there is no longer this run's.
    this.aheadMoments = this.aheadMoments.filter((m) => m < entry.tUs);
    this.aheadToUs = Math.min(this.aheadToUs, entry.tUs);
    this.pendingInject.push(entry);
    this.busy = true;
    return entry.tUs;
  }

  private send(req: WorkerRequest): void {
    // Requests may hold reactive proxies (form values); only plain data can cross to the worker.
    try {
      this.worker?.send($state.snapshot(req) as WorkerRequest);
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  /** The worker failed: say so, and bring back the last state that ran well. */
  private recover(reason: string): void {
    const good = this.good;
    if (!good || this.restoring) {
      this.rejectWaiters(false);
      const text = good ? `${reason}; the previous run could not be restored either` : reason;
      this.fail(`${text[0].toUpperCase()}${text.slice(1)}.`);
      return;
    }
    this.restart(false);
    const faults = good.plan.injected.length;
    this.onfailure(
      'The simulation stopped; the last run that worked is back',
      `The simulation failed: ${reason}.\nRestored: ${good.title} at ${(good.tUs / 1e6).toFixed(3)} s` +
        (faults > 0 ? ` with the ${faults === 1 ? 'fault' : `${faults} faults`} you injected.` : '.'),
    );
  }

  /** A new worker on the last good state: its scenario, its faults and its clock. */
  private restart(cancelled: boolean): void {
    const good = this.good;
    this.worker?.close();
    this.worker = null;
    this.rejectWaiters(cancelled);
    if (!good) return this.fail('The simulation was stopped before it had run.');
    this.restoring = good;
    this.onrestore(good.context);
    this.connect();
    this.load(good.request, false, { injected: good.plan.toInjected(), tUs: good.tUs });
  }

  private rejectWaiters(cancelled: boolean): void {
    const waiters = [...this.pendingPauses, ...this.pauseWaiters.values(), ...this.pendingHashes, ...this.hashWaiters.values()];
    this.pendingPauses = [];
    this.pendingHashes = [];
    this.pauseWaiters.clear();
    this.hashWaiters.clear();
    for (const w of waiters) w.reject(new WorkerGone(cancelled));
  }

  private tick(now: number): void {
    this.raf = requestAnimationFrame((t) => this.tick(t));
    if (this.inFlight || this.status !== 'ready') {
      this.lastWall = Math.max(this.lastWall, now - MAX_WALL_STEP_MS);
      return;
    }
    const inject = this.pendingInject.shift();
    if (inject) {
      // The worker ends an injection at its instant, which is where a pending seek usually points; a seek
      // elsewhere, or one asked for before further faults (a restored link's clock), still follows.
      if (this.pendingSeek === inject.tUs && this.pendingInject.length === 0) this.pendingSeek = null;
      this.dispatch({ type: 'inject', id: this.nextId++, tUs: inject.tUs, fault: inject.fault });
      return;
    }
    if (this.pendingSeek !== null) {
      const target = this.pendingSeek;
      this.pendingSeek = null;
      this.lastWall = now;
      // The view first, the summaries (whole-history scans) in a request of their own right after.
      this.dispatch({ type: 'frame', id: this.nextId++, targetUs: target, exact: true, budgetMs: Infinity, summary: false });
      this.wantSummary = true;
      return;
    }
    if (this.pendingNext !== null) {
      const from = this.pendingNext;
      this.pendingNext = null;
      this.lastWall = now;
      this.dispatch({ type: 'frame', id: this.nextId++, targetUs: from, exact: true, budgetMs: Infinity, summary: false, next: true });
      this.wantSummary = true;
      return;
    }
    const pauses = this.pendingPauses.shift();
    if (pauses) {
      const id = this.nextId++;
      this.pauseWaiters.set(id, pauses);
      this.dispatch({ type: 'pauses', id, steps: pauses.steps });
      return;
    }
    const hashes = this.pendingHashes.shift();
    if (hashes) {
      const id = this.nextId++;
      this.hashWaiters.set(id, hashes);
      this.dispatch({ type: 'trace-hash', id, durationS: hashes.durationS, injected: hashes.injected, live: hashes.live });
      return;
    }
    if (this.playing) {
      const dt = Math.min(MAX_WALL_STEP_MS, now - this.lastWall);
      this.lastWall = now;
      const limit = Math.min(this.endUs, this.stopAtUs ?? Infinity);
      let target = Math.min(limit, this.tUs + this.speed * dt * 1000);
      let lookAheadUs: number | undefined;
      // Pacing is for watching: past 10× everything is a blur, and the look-ahead would cost frames.
      if (this.pacing && this.speed <= PACE_MAX_SPEED) {
        const moments = this.moments();
        target = pacedStep(this.tUs, dt, this.speed, moments, limit, this.stepScale, this.reducedMotion);
        const state = paceAt(this.tUs, moments);
        this.paceText = paceNote(state, this.stepScale);
        this.intendedSpeed = this.speed * this.stepScale * (state.near === null ? (this.reducedMotion ? Infinity : PACE.fast) : 1);
        // Known far enough ahead to slow down in time: a lesson step's whole stretch, or a few seconds.
        // Asked for in bursts (when less than LOOK_AHEAD_MIN_US is known), since each costs a seek back.
        const want = Math.min(this.endUs, Math.max(this.tUs + LOOK_AHEAD_US, this.stopAtUs ?? 0));
        const enough = this.stopAtUs !== null ? want : Math.min(want, this.tUs + LOOK_AHEAD_MIN_US);
        if (this.aheadToUs < enough) lookAheadUs = want - target;
      } else {
        this.paceText = '';
        this.intendedSpeed = this.speed;
      }
      const summary = now - this.lastSummaryWall >= SUMMARY_EVERY_MS;
      if (summary) this.lastSummaryWall = now;
      this.dispatch({ type: 'frame', id: this.nextId++, targetUs: target, exact: false, budgetMs: FRAME_BUDGET_MS, summary, lookAheadUs });
      return;
    }
    if (this.wantSummary) {
      this.wantSummary = false;
      this.dispatch({ type: 'frame', id: this.nextId++, targetUs: this.tUs, exact: true, budgetMs: Infinity, summary: true });
    }
  }

  /** Open shard i's detailed pane in every pane (−1: back to the overview); the next frame brings its view. */
  openShard(i: number): void {
    this.shard = i;
    this.wantSummary = true;
    this.busy = true;
  }

  private dispatch(req: WorkerRequest): void {
    if (req.type === 'frame' && this.shard >= 0) req = { ...req, shard: this.shard };
    this.inFlight = true;
    this.busy = true;
    this.current = req;
    this.send(req);
  }

  private receive(reply: WorkerReply): void {
    if (reply.type === 'progress') {
      const current = this.current;
      if (current && 'id' in current && current.id === reply.id) {
        this.progress = { label: progressLabel(current, this.restoring !== null), fraction: reply.fraction, cancellable: this.restoring === null };
      }
      return;
    }
    if (reply.type === 'error' || reply.type === 'alive') return; // the connection handles these
    // A frame asked of the previous scenario, answered after the new load was sent: its clock and panes
    // are not this run's, and the load is still in flight.
    if (reply.type === 'frame' && reply.id < this.loadFirstId) return;
    this.inFlight = false;
    this.current = null;
    this.progress = null;
    this.busy = this.wantSummary || this.pendingSeek !== null || this.pendingNext !== null || this.pendingInject.length > 0 || this.pendingPauses.length > 0 || this.pendingHashes.length > 0;
    if (reply.type === 'pauses') {
      this.pauseWaiters.get(reply.id)?.resolve(reply.pauses);
      this.pauseWaiters.delete(reply.id);
      return;
    }
    if (reply.type === 'trace-hash') {
      this.hashWaiters.get(reply.id)?.resolve(reply.runs);
      this.hashWaiters.delete(reply.id);
      return;
    }
    if (reply.type === 'loaded') {
      this.scenario = reply.scenario;
      this.panes = reply.panes;
      this.endUs = reply.endUs;
      this.bucketUs = reply.bucketUs;
      this.frames = [];
      this.shard = -1;
      this.summaries = reply.panes.map(() => undefined);
      this.series = reply.panes.map(() => undefined);
      this.status = 'ready';
      this.wantSummary = true;
      // A first run cancelled on its way to a link's clock goes back to its own start.
      if (!this.good && this.lastLoad) this.good = { request: this.lastLoad, plan: FaultPlan.empty, tUs: 0, title: reply.scenario.title, context: this.contextOf() };
      const restore = this.restore;
      this.restore = null;
      if (restore) {
        // In time order, same-instant faults in the order given: the plan lists them as the link did.
        const plan = FaultPlan.of([...(restore.injected ?? [])].sort((a, b) => a.t - b.t).map((f) => ({ t: Math.min(this.endUs, f.t), fault: f.fault })));
        this.plan = plan;
        this.pendingInject = [...plan.injected];
        if (restore.tUs !== undefined) this.seek(restore.tUs);
      }
      if (this.autoplay) this.play();
      return;
    }
    const wasT = this.tUs;
    const wall = performance.now();
    if (this.playing && reply.tUs > wasT) {
      const dt = Math.max(1, wall - (this.lastFrameWall || wall - 16));
      const instant = (reply.tUs - wasT) / 1000 / dt;
      this.effectiveSpeed = this.effectiveSpeed * 0.8 + instant * 0.2;
    } else if (!this.playing) this.effectiveSpeed = this.speed;
    this.lastFrameWall = wall;
    // A seek requested while this frame was computed wins: keep showing where the user dragged to.
    if (this.pendingSeek === null && this.pendingNext === null) this.tUs = reply.tUs;
    this.frames = reply.panes;
    this.lastComputeMs = reply.computeMs;
    if (reply.panes.some((p) => p.summary)) {
      this.summaries = reply.panes.map((p, i) => p.summary ?? this.summaries[i]);
      this.series = reply.panes.map((p, i) => p.series ?? this.series[i]);
    }
    if (reply.markers) this.markers = reply.markers;
    if (reply.log) this.log = reply.log;
    if (reply.ahead && reply.ahead.toUs > this.aheadToUs) {
      this.aheadMoments = [...new Set([...this.aheadMoments, ...reply.ahead.moments])].sort((a, b) => a - b);
      this.aheadToUs = reply.ahead.toUs;
      // The whole stretch to a lesson step's pause is known: play it within the step's wall time.
      if (this.stopAtUs !== null && this.aheadToUs >= this.stopAtUs) this.stepScale = scaleFor(reply.tUs, this.stopAtUs, this.speed, this.moments());
    }
    if (this.seekStartedAt > 0) {
      performance.measure('lab:seek', { start: this.seekStartedAt, end: wall });
      this.seekStartedAt = 0;
    }
    if (this.playing) this.announceBetween(wasT, reply.tUs);
    if (this.playing && this.stopAtUs !== null && reply.tUs >= this.stopAtUs) {
      this.stopAtUs = null;
      this.pause();
    }
    if (this.playing && reply.tUs >= this.endUs) this.pause();
    this.recordGood();
  }

  /** Nothing asked for is still on its way: this is a state to come back to. */
  private recordGood(): void {
    if (this.status !== 'ready' || !this.lastLoad || this.restore || this.pendingSeek !== null || this.pendingNext !== null || this.pendingInject.length > 0) return;
    this.restoring = null;
    this.good = { request: this.lastLoad, plan: this.plan, tUs: this.tUs, title: this.scenario?.title ?? 'the scenario', context: this.contextOf() };
  }

  private lastFrameWall = 0;

  private announcedUntil = 0;
  private lastAnnounceWall = 0;

  /** New log lines reach screen readers at most every 1.5 s, so fast playback does not drown them. */
  private announceBetween(from: number, to: number): void {
    const wall = performance.now();
    if (wall - this.lastAnnounceWall < 1500) return;
    const since = Math.max(Math.min(this.announcedUntil, to), from - 1);
    const fresh = this.log.filter((l) => l.tUs > since && l.tUs <= to);
    this.announcedUntil = to;
    if (fresh.length === 0) return;
    this.lastAnnounceWall = wall;
    const names = this.panes.map((p) => p.label);
    this.announcement = fresh
      .slice(-3)
      .map((l) => `${(l.tUs / 1e6).toFixed(2)} s, ${names[l.pane]}: ${l.text}`)
      .join('. ');
  }

  private fail(message: string): void {
    this.status = 'error';
    this.error = message;
    this.playing = false;
    this.inFlight = false;
    this.progress = null;
    this.busy = false;
  }
}

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: WorkerGone) => void;
}
