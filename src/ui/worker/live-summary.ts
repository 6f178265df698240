// The comparison table's numbers for a run that keeps growing, kept up to date row by row from the history
// columns instead of recounted from the whole history each time (summarize() in src/check is the reference
// and stays the one the CLI and tests use; tests/ui/live-summary.test.ts checks both agree exactly).
// Each history row is looked at once; a history that got shorter (a seek back, a fault injected) starts the
// count again from its first row.
import { ROW, type HistoryLog } from '../../sim/history';
import type { LatencySummary, LostWrite } from '../../sim/types';
import { overlapMs, overlapWindows, sortIntervals, type RawInterval } from '../../check/split-brain';
import { msToUs, roundMs, usToMs } from '../../check/units';

/** Command codes in an invoke row (see history.ts). */
const CMD_GET = 2;
/** Flag of an ok row answering a read. */
const OK_READ = 1;

interface AckedByKey {
  /** Acknowledgement times, ascending. */
  ackUs: number[];
  /** Highest seq among the writes acknowledged up to and including each index. */
  maxSeq: number[];
}

/** Ops of one kind from one client AZ, in (invocation time, id) order, folded into windows up to `head`. */
interface AzQueue {
  ops: number[];
  head: number;
  openAt: number | null;
  worstUs: number;
}

export interface LiveCounts {
  writes: number;
  acked: number;
  unknownWrites: number;
  refusedWrites: number;
  staleReads: number;
  splitBrainMs: number;
  rtoMs: number;
  readRtoMs: number;
  rpoMs: number;
  writeLatencyMs: LatencySummary;
  readLatencyMs: LatencySummary;
}

class SortedSamples {
  private sorted = new Float64Array(0);
  private pending: number[] = [];

  add(v: number): void {
    this.pending.push(v);
  }

  summary(): LatencySummary {
    if (this.pending.length > 0) {
      const add = Float64Array.from(this.pending).sort();
      this.pending = [];
      const old = this.sorted;
      const out = new Float64Array(old.length + add.length);
      let i = 0;
      let j = 0;
      let k = 0;
      while (i < old.length && j < add.length) out[k++] = old[i] <= add[j] ? old[i++] : add[j++];
      while (i < old.length) out[k++] = old[i++];
      while (j < add.length) out[k++] = add[j++];
      this.sorted = out;
    }
    const s = this.sorted;
    if (s.length === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
    const rank = (p: number) => s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1];
    // Samples are whole microseconds; the reference turns each into milliseconds first, then rounds.
    return { count: s.length, p50: roundMs(usToMs(rank(50))), p99: roundMs(usToMs(rank(99))), max: roundMs(usToMs(s[s.length - 1])) };
  }
}

function windowUs(startUs: number, endUs: number): number {
  return Math.round((usToMs(endUs) - usToMs(startUs)) * 1000);
}

export class LiveSummary {
  private rows = 0;
  private invT: number[] = [];
  private cmd: number[] = [];
  private key: string[] = [];
  /** 0 while pending, else the ROW kind of the op's first outcome. */
  private outcome: number[] = [];
  private writes = 0;
  private acked = 0;
  private unknown = 0;
  private refused = 0;
  private stale = 0;
  private byKey = new Map<string, AckedByKey>();
  private intervals = new Map<string, RawInterval>();
  private ackT: number[] = [];
  private ackOp: number[] = [];
  private wLat = new SortedSamples();
  private rLat = new SortedSamples();
  /** Index kind * 3 + AZ, kind 0 = write, 1 = read. */
  private queues: AzQueue[] = [];

  constructor() {
    this.reset();
  }

  reset(): void {
    this.rows = 0;
    this.invT = [];
    this.cmd = [];
    this.key = [];
    this.outcome = [];
    this.writes = this.acked = this.unknown = this.refused = this.stale = 0;
    this.byKey = new Map();
    this.intervals = new Map();
    this.ackT = [];
    this.ackOp = [];
    this.wLat = new SortedSamples();
    this.rLat = new SortedSamples();
    this.queues = Array.from({ length: 6 }, () => ({ ops: [], head: 0, openAt: null, worstUs: 0 }));
  }

  /** Take in the rows appended since the last call; a shorter history than already seen restarts the count. */
  update(h: HistoryLog): void {
    if (h.length < this.rows) this.reset();
    const { kind, t, op, node, a, b, y, ref } = h;
    const n = h.length;
    for (let i = this.rows; i < n; i++) {
      const id = op[i];
      if (kind[i] === ROW.invoke) {
        if (this.invT[id] !== undefined) continue; // only the first invocation of an op counts
        const c = a[i];
        this.invT[id] = t[i];
        this.cmd[id] = c;
        this.key[id] = ref[i] as string;
        this.outcome[id] = 0;
        if (c !== CMD_GET) this.writes++;
        this.enqueue(this.queues[(c === CMD_GET ? 3 : 0) + b[i]], id);
        continue;
      }
      if (this.invT[id] === undefined || this.outcome[id] !== 0) continue; // only the first outcome counts
      const k = kind[i];
      this.outcome[id] = k;
      const c = this.cmd[id];
      const isWrite = c !== CMD_GET;
      if (isWrite) {
        if (k === ROW.ok) this.acked++;
        else if (k === ROW.info) this.unknown++;
        else if (k === ROW.fail) this.refused++;
      }
      if (k !== ROW.ok) continue;
      const ti = t[i];
      const latUs = Math.round(ti - this.invT[id]);
      if (isWrite) {
        this.wLat.add(latUs);
        const read = (b[i] & OK_READ) !== 0;
        if (!read) {
          // Only a write's own acknowledgement carries a seq (what the stale-read check compares).
          let w = this.byKey.get(this.key[id]);
          if (!w) this.byKey.set(this.key[id], (w = { ackUs: [], maxSeq: [] }));
          const prev = w.maxSeq.length > 0 ? w.maxSeq[w.maxSeq.length - 1] : -Infinity;
          w.ackUs.push(ti);
          w.maxSeq.push(Math.max(prev, y[i]));
        }
        const term = a[i];
        const nodeName = node[i] >= 0 ? h.nodeIds[node[i]] : '-';
        const ivKey = `${term}\u0000${nodeName}`;
        const iv = this.intervals.get(ivKey);
        if (!iv) this.intervals.set(ivKey, { node: nodeName, term, start: ti, end: ti, writes: 1 });
        else {
          iv.start = Math.min(iv.start, ti);
          iv.end = Math.max(iv.end, ti);
          iv.writes++;
        }
        this.ackT.push(ti);
        this.ackOp.push(id);
      } else {
        this.rLat.add(latUs);
        const w = this.byKey.get(this.key[id]);
        if (!w) continue;
        const seen = (b[i] & OK_READ) !== 0 && y[i] >= 0 ? y[i] : -Infinity;
        if (newestAckedBefore(w, this.invT[id]) > seen) this.stale++;
      }
    }
    this.rows = n;
    for (const q of this.queues) this.fold(q);
  }

  private enqueue(q: AzQueue, id: number): void {
    const ops = q.ops;
    ops.push(id);
    let j = ops.length - 1;
    const tNew = this.invT[id];
    while (j > 0 && (this.invT[ops[j - 1]] > tNew || (this.invT[ops[j - 1]] === tNew && ops[j - 1] > id))) {
      ops[j] = ops[j - 1];
      j--;
    }
    ops[j] = id;
    // Landed among ops already folded in: fold this queue again from its start.
    if (j < q.head) {
      q.head = 0;
      q.openAt = null;
      q.worstUs = 0;
    }
  }

  /** Fold settled ops into the windows; stops at the first op still pending. */
  private fold(q: AzQueue): void {
    const { ops } = q;
    while (q.head < ops.length) {
      const id = ops[q.head];
      const out = this.outcome[id];
      if (out === 0) break;
      const inv = this.invT[id];
      if (out === ROW.ok) {
        if (q.openAt !== null && inv > q.openAt) q.worstUs = Math.max(q.worstUs, windowUs(q.openAt, inv));
        q.openAt = null;
      } else if (q.openAt === null) q.openAt = inv;
      q.head++;
    }
  }

  /** Longest window of one kind over the AZs, as availability.ts measures it. */
  private rto(kind: 0 | 1, endUs: number): number {
    let worst = 0;
    for (let az = 0; az < 3; az++) {
      const q = this.queues[kind * 3 + az];
      let openAt = q.openAt;
      let w = q.worstUs;
      for (let j = q.head; j < q.ops.length; j++) {
        const id = q.ops[j];
        const out = this.outcome[id];
        if (out === 0) continue; // nobody knows yet how it went
        const inv = this.invT[id];
        if (out === ROW.ok) {
          if (openAt !== null && inv > openAt) w = Math.max(w, windowUs(openAt, inv));
          openAt = null;
        } else if (openAt === null) openAt = inv;
      }
      if (openAt !== null && endUs > openAt) w = Math.max(w, windowUs(openAt, endUs));
      worst = Math.max(worst, w);
    }
    return usToMs(worst);
  }

  private rpo(lost: readonly LostWrite[]): number {
    if (lost.length === 0) return 0;
    const lostIds = new Set<number>();
    let first = Infinity;
    let last = -Infinity;
    for (const w of lost) {
      lostIds.add(w.id);
      const tl = msToUs(w.ackedAtMs);
      first = Math.min(first, tl);
      last = Math.max(last, tl);
    }
    // Acknowledgements are in time order: the newest at or before the first loss that was not lost.
    let lo = 0;
    let hi = this.ackT.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ackT[mid] <= first) lo = mid + 1;
      else hi = mid;
    }
    let safe = -Infinity;
    for (let j = lo - 1; j >= 0; j--) {
      if (lostIds.has(this.ackOp[j])) continue;
      safe = Math.max(safe, this.ackT[j]);
      break;
    }
    return usToMs(last - (safe === -Infinity ? first : safe));
  }

  counts(lost: readonly LostWrite[], endUs: number): LiveCounts {
    return {
      writes: this.writes,
      acked: this.acked,
      unknownWrites: this.unknown,
      refusedWrites: this.refused,
      staleReads: this.stale,
      splitBrainMs: overlapMs(overlapWindows(sortIntervals([...this.intervals.values()].map((iv) => ({ ...iv }))))),
      rtoMs: this.rto(0, endUs),
      readRtoMs: this.rto(1, endUs),
      rpoMs: this.rpo(lost),
      writeLatencyMs: this.wLat.summary(),
      readLatencyMs: this.rLat.summary(),
    };
  }
}

/** Highest seq acknowledged strictly before `t`, or -Infinity. */
function newestAckedBefore(w: AckedByKey, t: number): number {
  let lo = 0;
  let hi = w.ackUs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w.ackUs[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? -Infinity : w.maxSeq[lo - 1];
}
