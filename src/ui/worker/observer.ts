// Watches one run's history and trace as the simulation first moves past each instant, and keeps what the
// timeline, the charts and the event log show about the whole computed run, not just the state at the
// cursor. Scrubbing back and replaying does not count events twice: only events after the furthest time
// already seen (the frontier) are new. Injecting a fault at t forgets everything from t on.
// It reads the history's columns, never its rows as objects: materialising millions of HistoryEvent
// objects in a long run made every garbage collection (and so every replay after a seek) slow.
// A cluster's pane watches every shard's run: the charts' buckets pool the shards' writes (the cluster's
// latency and throughput), and each marker and log line names its shard.
import { CMD, ROW, type HistoryLog } from '../../sim/history';
import { firstAbove } from '../../sim/search';
import { IntList } from '../../check/int-list';
import type { TraceEvent } from '../../sim/types';
import type { LostWrites } from '../../sim/lost-writes';
import { describeTrace, markerKind } from './describe';
import type { LogLine, Marker, PaneSeries } from './protocol';

function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/** One run the observer watches: a single run, or one shard of a cluster (its lines then say `s2: …`). */
export interface ObservedRun {
  history: HistoryLog;
  trace: readonly TraceEvent[];
  name?: string;
}

export class Observer {
  /** Every event at or before this time has been counted. */
  frontierUs = -1;
  markers: Marker[] = [];
  log: LogLine[] = [];
  /** Bumped whenever markers or log change, so the page is sent them only then. */
  version = 0;
  /** Per run watched: the next history row and trace event to look at. */
  private histIdx: number[] = [];
  private traceIdx: number[] = [];
  /** Write latencies per bucket, whole µs (4 bytes each, off the collector's hands). */
  private samples: IntList[];
  private pct: Array<[number, number] | undefined>;
  private acked: number[];
  private lag: number[];
  private writable: number[];

  constructor(
    readonly pane: number,
    readonly bucketUs: number,
    readonly buckets: number,
  ) {
    this.samples = Array.from({ length: buckets }, () => new IntList(16));
    this.pct = new Array(buckets);
    this.acked = new Array(buckets).fill(0);
    this.lag = new Array(buckets).fill(NaN);
    this.writable = new Array(buckets).fill(NaN);
  }

  /** When write `op` was invoked, or −1 if it is a read or its invocation is not in the history. */
  private static writeInvokedAt(history: HistoryLog, op: number): number {
    if (history.cmdOf(op) === CMD.GET) return -1;
    const r = history.invokeRowOf(op);
    return r < 0 ? -1 : history.t[r];
  }

  private bucket(tUs: number): number {
    return Math.min(this.buckets - 1, Math.floor(tUs / this.bucketUs));
  }

  /** Count what happened up to nowUs that was not counted before. */
  observe(history: HistoryLog, trace: readonly TraceEvent[], nowUs: number): void {
    this.observeRuns([{ history, trace }], nowUs);
  }

  /** The same over several runs on one clock (a cluster's shards). */
  observeRuns(runs: readonly ObservedRun[], nowUs: number): void {
    let changed = false;
    const logFrom = this.log.length;
    const markersFrom = this.markers.length;
    for (let r = 0; r < runs.length; r++) if (this.observeRun(r, runs[r])) changed = true;
    if (runs.length > 1) {
      // Each run's new lines came in time order; all of them go in time order (ties: the lower shard first).
      sortTail(this.log, logFrom);
      sortTail(this.markers, markersFrom);
    }
    if (changed) this.version++;
    this.frontierUs = Math.max(this.frontierUs, nowUs);
  }

  private observeRun(r: number, { history, trace, name }: ObservedRun): boolean {
    // A restore shortened the arrays; what lies beyond the frontier is re-counted as it is replayed.
    const n = history.length;
    const { kind, t, op } = history;
    let histIdx = Math.min(this.histIdx[r] ?? 0, n);
    let traceIdx = Math.min(this.traceIdx[r] ?? 0, trace.length);
    // Rows at or before the frontier were counted already: skip them without looking at each one.
    if (histIdx < n && t[histIdx] <= this.frontierUs) histIdx = firstAbove(t, this.frontierUs, histIdx, n);
    for (; histIdx < n; histIdx++) {
      const i = histIdx;
      const ti = t[i];
      if (ti <= this.frontierUs) continue;
      if (kind[i] === ROW.ok) {
        const invokedUs = Observer.writeInvokedAt(history, op[i]);
        if (invokedUs < 0) continue;
        const b = this.bucket(ti);
        this.acked[b]++;
        this.samples[b].push(ti - invokedUs);
        this.pct[b] = undefined;
      }
    }
    let changed = false;
    for (; traceIdx < trace.length; traceIdx++) {
      const ev = trace[traceIdx];
      if (ev.t <= this.frontierUs) continue;
      const described = describeTrace(ev);
      const text = described !== null && name ? `${name}: ${described}` : described;
      if (text !== null) {
        this.log.push({ tUs: ev.t, pane: this.pane, text });
        changed = true;
      }
      const kind = markerKind(ev);
      if (kind && text) this.markers.push({ tUs: ev.t, kind, pane: this.pane, text });
    }
    this.histIdx[r] = histIdx;
    this.traceIdx[r] = traceIdx;
    return changed;
  }

  /**
   * What is read from the run's state at the end of bucket i, sampled only when the run first gets there:
   * the worst replica lag, and a cluster's per cent of the keyspace writable (NaN for one shard).
   */
  sampleBucketEnd(i: number, lagMs: number, writablePct = NaN): void {
    if (i < 0 || i >= this.buckets || !Number.isNaN(this.lag[i])) return;
    this.lag[i] = lagMs;
    this.writable[i] = writablePct;
  }

  /** A fault injected at tUs changes everything from tUs on. */
  forkAt(tUs: number, history: HistoryLog, trace: readonly TraceEvent[]): void {
    this.forkRunsAt(tUs, [{ history, trace }]);
  }

  forkRunsAt(tUs: number, runs: readonly ObservedRun[]): void {
    if (tUs > this.frontierUs) return;
    this.frontierUs = tUs - 1;
    runs.forEach(({ history, trace }, r) => {
      let histIdx = Math.min(this.histIdx[r] ?? 0, history.length);
      while (histIdx > 0 && history.t[histIdx - 1] >= tUs) histIdx--;
      this.histIdx[r] = histIdx;
      let traceIdx = Math.min(this.traceIdx[r] ?? 0, trace.length);
      while (traceIdx > 0 && trace[traceIdx - 1].t >= tUs) traceIdx--;
      this.traceIdx[r] = traceIdx;
    });
    const from = Math.floor(tUs / this.bucketUs);
    for (let b = Math.max(0, from); b < this.buckets; b++) {
      // The bucket holding tUs keeps its samples from before tUs only.
      this.samples[b] = new IntList(16);
      this.acked[b] = 0;
      if (b === from) runs.forEach(({ history }, r) => this.rescanBucket(history, this.histIdx[r], b, tUs));
      this.pct[b] = undefined;
      if ((b + 1) * this.bucketUs >= tUs) {
        this.lag[b] = NaN;
        this.writable[b] = NaN;
      }
    }
    this.markers = this.markers.filter((m) => m.tUs < tUs);
    this.log = this.log.filter((l) => l.tUs < tUs);
    this.version++;
  }

  private rescanBucket(history: HistoryLog, histIdx: number, b: number, beforeUs: number): void {
    const start = b * this.bucketUs;
    const { kind, t, op } = history;
    for (let i = histIdx - 1; i >= 0 && t[i] >= start; i--) {
      if (t[i] >= beforeUs || kind[i] !== ROW.ok) continue;
      const invokedUs = Observer.writeInvokedAt(history, op[i]);
      if (invokedUs < 0) continue;
      this.acked[b]++;
      this.samples[b].push(t[i] - invokedUs);
    }
  }

  series(lost: LostWrites): PaneSeries {
    const p50: number[] = [];
    const p99: number[] = [];
    for (let b = 0; b < this.buckets; b++) {
      const s = this.samples[b];
      if (s.length === 0) {
        p50.push(NaN);
        p99.push(NaN);
        continue;
      }
      let pair = this.pct[b];
      if (!pair) {
        const sorted = s.items.slice(0, s.length).sort();
        pair = [percentile(sorted, 0.5) / 1000, percentile(sorted, 0.99) / 1000];
        this.pct[b] = pair;
      }
      p50.push(pair[0]);
      p99.push(pair[1]);
    }
    const lostBy = new Array(this.buckets).fill(0);
    for (let i = 0; i < lost.length; i++) lostBy[this.bucket(lost.ackedUsAt(i))]++;
    return { p50, p99, lagMs: [...this.lag], acked: [...this.acked], lost: lostBy, writablePct: [...this.writable] };
  }
}

/** Sort list[from…] by time, keeping the order of equal times (Array.prototype.sort is stable). */
function sortTail<T extends { tUs: number }>(list: T[], from: number): void {
  if (list.length - from < 2) return;
  const tail = list.splice(from).sort((a, b) => a.tUs - b.tUs);
  for (const x of tail) list.push(x);
}
