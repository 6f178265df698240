// The comparison table's numbers for a run that keeps growing, kept up to date row by row from the history
// columns instead of recounted from the whole history each time (summarize() in src/check is the reference
// and stays the one the CLI and tests use; tests/ui/live-summary.test.ts checks both agree exactly).
// Each history row is looked at once. Every CHECKPOINT_ROWS rows the few numbers that are not append-only
// are remembered, so a history that got shorter (a seek back, a fault injected) goes back to the checkpoint
// before its end and counts only the rows since, instead of starting over.
import { OK_READ, ROW, type HistoryLog } from '../../sim/history';
import type { LatencySummary, LostWrite } from '../../sim/types';
import { overlapMs, overlapWindows, sortIntervals, type RawInterval } from '../../check/split-brain';
import { roundMs, usToMs } from '../../check/units';
import { lostSpan, rpoFromSpan } from '../../check/rpo';
import { newestAckedBefore, type AckedWrites } from '../../check/stale';
import { firstAbove, firstAtLeast } from '../../sim/search';
import { grown, widen } from '../../sim/columns';
import { LatencySamples } from './latency-samples';

/** Command codes in an invoke row (see history.ts). */
const CMD_GET = 2;
/** Rows between checkpoints: going back costs at most counting this many rows again. */
const CHECKPOINT_ROWS = 32_768;

interface AckedByKey extends AckedWrites {
  /** History row of each acknowledgement. */
  row: number[];
}

/** Ops of one kind from one client AZ, in (invocation time, id) order, folded into windows up to `head`. */
interface AzQueue {
  ops: number[];
  head: number;
  openAt: number | null;
  worstUs: number;
}

interface Checkpoint {
  rows: number;
  writes: number;
  acked: number;
  unknown: number;
  refused: number;
  stale: number;
  acks: number;
  wLat: number;
  rLat: number;
  intervals: [number, RawInterval][];
  queues: { length: number; head: number; openAt: number | null; worstUs: number }[];
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

function windowUs(startUs: number, endUs: number): number {
  return Math.round((usToMs(endUs) - usToMs(startUs)) * 1000);
}

export class LiveSummary {
  private rows = 0;
  // Per op, indexed by op id, typed so that millions of them stay off the garbage collector's hands.
  private invT = new Float64Array(0);
  private cmd = new Uint8Array(0);
  /** Key id (history.ts) of each op. */
  private key = new Float64Array(0);
  /** History row of the op's first invocation and of its first outcome (−1: none yet). */
  private invRow = new Int32Array(0);
  private outRow = new Int32Array(0);
  /** The ROW kind of the op's first outcome, valid once outRow is set. */
  private outcome = new Uint8Array(0);
  private checkpoints: Checkpoint[] = [];
  private writes = 0;
  private acked = 0;
  private unknown = 0;
  private refused = 0;
  private stale = 0;
  private byKey = new Map<number, AckedByKey>();
  /** By term * 128 + node index + 1. */
  private intervals = new Map<number, RawInterval>();
  private ackT: number[] = [];
  private ackOp: number[] = [];
  private wLat = new LatencySamples();
  private rLat = new LatencySamples();
  /** Index kind * 3 + AZ, kind 0 = write, 1 = read. */
  private queues: AzQueue[] = [];

  /** checkpointRows: rows between checkpoints (small ones let tests reach them with short histories). */
  constructor(private readonly checkpointRows = CHECKPOINT_ROWS) {
    this.reset();
  }

  reset(): void {
    this.rows = 0;
    this.invT = new Float64Array(0);
    this.cmd = new Uint8Array(0);
    this.key = new Float64Array(0);
    this.invRow = new Int32Array(0);
    this.outRow = new Int32Array(0);
    this.outcome = new Uint8Array(0);
    this.checkpoints = [];
    this.writes = this.acked = this.unknown = this.refused = this.stale = 0;
    this.byKey = new Map();
    this.intervals = new Map();
    this.ackT = [];
    this.ackOp = [];
    this.wLat = new LatencySamples();
    this.rLat = new LatencySamples();
    this.queues = Array.from({ length: 6 }, () => ({ ops: [], head: 0, openAt: null, worstUs: 0 }));
  }

  /** Take in the rows appended since the last call; a shorter history goes back to a checkpoint first. */
  update(h: HistoryLog): void {
    if (h.length < this.rows) this.rewind(h.length);
    const n = h.length;
    while (this.rows < n) {
      const next = (Math.floor(this.rows / this.checkpointRows) + 1) * this.checkpointRows;
      const to = Math.min(n, next);
      this.count(h, to);
      if (to === next) this.checkpoint();
    }
    for (const q of this.queues) this.fold(q);
  }

  /**
   * A fault was injected at tUs: rows from then on may differ from the ones counted, so forget them.
   * Rows before tUs stay as they were, so the count resumes from there.
   */
  forkAt(h: HistoryLog, tUs: number): void {
    const kept = firstAtLeast(h.t, tUs, 0, Math.min(h.length, this.rows));
    if (kept < this.rows) this.rewind(kept);
  }

  private count(h: HistoryLog, n: number): void {
    const { kind, t, op, node, a, b, x, y } = h;
    for (let i = this.rows; i < n; i++) {
      const id = op[i];
      if (kind[i] === ROW.invoke) {
        if (id < 0) continue;
        if (id >= this.invRow.length) this.grow(id);
        const seen = this.invRow[id];
        if (seen >= 0 && seen < i) continue; // only the first invocation of an op counts
        const c = a[i];
        this.invRow[id] = i;
        this.outRow[id] = -1;
        this.invT[id] = t[i];
        this.cmd[id] = c;
        this.key[id] = x[i];
        this.outcome[id] = 0;
        if (c !== CMD_GET) this.writes++;
        this.enqueue(this.queues[(c === CMD_GET ? 3 : 0) + b[i]], id);
        continue;
      }
      if (id < 0 || id >= this.invRow.length) continue;
      const inv = this.invRow[id];
      const out = this.outRow[id];
      if (inv < 0 || inv >= i || (out >= 0 && out < i)) continue; // only the first outcome counts
      const k = kind[i];
      this.outRow[id] = i;
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
          if (!w) this.byKey.set(this.key[id], (w = { ackUs: [], row: [], maxSeq: [] }));
          const prev = w.maxSeq.length > 0 ? w.maxSeq[w.maxSeq.length - 1] : -Infinity;
          w.ackUs.push(ti);
          w.row.push(i);
          w.maxSeq.push(Math.max(prev, y[i]));
        }
        const term = a[i];
        const nodeName = node[i] >= 0 ? h.nodeIds[node[i]] : '-';
        const ivKey = term * 128 + node[i] + 1;
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
  }

  private checkpoint(): void {
    for (const q of this.queues) this.fold(q);
    this.checkpoints.push({
      rows: this.rows,
      writes: this.writes,
      acked: this.acked,
      unknown: this.unknown,
      refused: this.refused,
      stale: this.stale,
      acks: this.ackT.length,
      wLat: this.wLat.added.length,
      rLat: this.rLat.added.length,
      intervals: [...this.intervals].map(([k, iv]) => [k, { ...iv }]),
      queues: this.queues.map((q) => ({ length: q.ops.length, head: q.head, openAt: q.openAt, worstUs: q.worstUs })),
    });
  }

  /** Back to the last checkpoint at or before row n (or the start); update() counts on from there. */
  private rewind(n: number): void {
    while (this.checkpoints.length > 0 && this.checkpoints[this.checkpoints.length - 1].rows > n) this.checkpoints.pop();
    const cp = this.checkpoints[this.checkpoints.length - 1];
    if (!cp) {
      this.reset();
      return;
    }
    const c = cp.rows;
    this.rows = c;
    this.writes = cp.writes;
    this.acked = cp.acked;
    this.unknown = cp.unknown;
    this.refused = cp.refused;
    this.stale = cp.stale;
    this.ackT.length = cp.acks;
    this.ackOp.length = cp.acks;
    this.wLat.truncate(cp.wLat);
    this.rLat.truncate(cp.rLat);
    this.intervals = new Map(cp.intervals.map(([k, iv]) => [k, { ...iv }]));
    for (const w of this.byKey.values()) {
      let m = w.row.length;
      while (m > 0 && w.row[m - 1] >= c) m--;
      w.ackUs.length = m;
      w.row.length = m;
      w.maxSeq.length = m;
    }
    this.queues.forEach((q, qi) => {
      const s = cp.queues[qi];
      // Ops invoked from row c on are forgotten, and the outcomes from row c on of the others. (Ops folded
      // before the checkpoint were settled before it, but a tie in invocation time may have put a later op
      // among them, so the whole list is looked at.)
      const kept: number[] = [];
      for (const id of q.ops) {
        if (this.invRow[id] >= c) {
          this.invRow[id] = -1;
          this.outRow[id] = -1;
          continue;
        }
        const out = this.outRow[id];
        if (out >= c) this.outRow[id] = -1;
        kept.push(id);
      }
      if (kept.length !== s.length) throw new Error('live summary: checkpoint out of step');
      q.ops = kept;
      q.head = s.head;
      q.openAt = s.openAt;
      q.worstUs = s.worstUs;
    });
  }

  private grow(id: number): void {
    const n = Math.max(id + 1, grown(this.invRow.length));
    this.invT = widen(this.invT, n);
    this.cmd = widen(this.cmd, n);
    this.key = widen(this.key, n);
    this.outcome = widen(this.outcome, n);
    this.invRow = widen(this.invRow, n, -1);
    this.outRow = widen(this.outRow, n, -1);
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
      if (this.outRow[id] < 0) break;
      const out = this.outcome[id];
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
        if (this.outRow[id] < 0) continue; // nobody knows yet how it went
        const out = this.outcome[id];
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
    const { ids, first, last } = lostSpan(lost);
    // Acknowledgements are in time order: the newest at or before the first loss that was not lost.
    let safe = -Infinity;
    for (let j = firstAbove(this.ackT, first) - 1; j >= 0; j--) {
      if (ids.has(this.ackOp[j])) continue;
      safe = Math.max(safe, this.ackT[j]);
      break;
    }
    return rpoFromSpan(first, last, safe);
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
