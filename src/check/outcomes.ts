// Every number of the outcome table, folded over a run's history columns row by row: the one
// implementation the command line, the app and the tests share. Each row is looked at once, in order;
// each metric is a fold of its own (fold-*.ts). A history that grows is counted on from where the last
// update stopped. Every CHECKPOINT_ROWS rows the folds' small states are remembered, so a history that got
// shorter (a seek back) or whose future changed (a fault injected in the past: call forkAt first) goes
// back to the checkpoint before that point and counts only the rows since, instead of starting over.
//
// Lost writes come from the model, which alone knows why each was lost (the recount in lineage-recount.ts
// exists to cross-check them, not to replace them); RPO is derived from them and the history.
import { CMD, ROW, type HistoryLog } from '../sim/history';
import { firstAtLeast } from '../sim/search';
import type { LatencySummary, StaleRead } from '../sim/types';
import type { LostWrites } from '../sim/lost-writes';
import { AvailabilityFold, type OpKind, type SavedQueue, type UnavailabilityWindow } from './fold-availability';
import { LatencySamples } from './fold-latency';
import { SplitBrainFold, type AckInterval, type OverlapWindow } from './fold-split-brain';
import { StaleFold, type SavedStale } from './fold-stale';
import { rpoMs } from './rpo';

/** Rows between checkpoints: going back costs at most counting this many rows again. */
const CHECKPOINT_ROWS = 32_768;

export interface OutcomeCounts {
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

interface Checkpoint {
  rows: number;
  writes: number;
  acked: number;
  unknown: number;
  refused: number;
  wLat: number;
  rLat: number;
  split: ReturnType<SplitBrainFold['save']>;
  queues: SavedQueue[];
  stale: SavedStale;
}

export class Outcomes {
  /** Rows counted so far. */
  private rows = 0;
  private writes = 0;
  private acked = 0;
  private unknown = 0;
  private refused = 0;
  private readonly wLat = new LatencySamples();
  private readonly rLat = new LatencySamples();
  private readonly split = new SplitBrainFold();
  private readonly avail = new AvailabilityFold();
  private readonly stale = new StaleFold();
  private checkpoints: Checkpoint[] = [];

  /** checkpointRows: rows between checkpoints (small ones let tests reach them with short histories). */
  constructor(
    readonly h: HistoryLog,
    private readonly checkpointRows = CHECKPOINT_ROWS,
  ) {}

  /** The folds of a whole history, counted once. */
  static of(h: HistoryLog): Outcomes {
    const o = new Outcomes(h, Number.MAX_SAFE_INTEGER);
    o.update();
    return o;
  }

  /** Take in the rows appended since the last call; a shorter history goes back to a checkpoint first. */
  update(): void {
    const h = this.h;
    if (h.length < this.rows) this.rewind(h.length);
    const n = h.length;
    while (this.rows < n) {
      const next = this.checkpointRows >= Number.MAX_SAFE_INTEGER ? n : (Math.floor(this.rows / this.checkpointRows) + 1) * this.checkpointRows;
      const to = Math.min(n, next);
      this.count(to);
      if (to === next) this.checkpoint();
    }
    this.avail.settle(h, this.rows);
  }

  /**
   * A fault was injected at tUs: rows from then on may differ from the ones counted, so forget them.
   * Rows before tUs stay as they were, so the count resumes from there.
   */
  forkAt(tUs: number): void {
    const h = this.h;
    const kept = firstAtLeast(h.t, tUs, 0, Math.min(h.length, this.rows));
    if (kept < this.rows) this.rewind(kept);
  }

  private count(n: number): void {
    const h = this.h;
    const { kind, t, op: opOf } = h;
    for (let i = this.rows; i < n; i++) {
      const op = opOf[i];
      if (kind[i] === ROW.invoke) {
        if (h.invRow[op] !== i) continue;
        const read = h.cmdOf(op) === CMD.GET;
        if (!read) this.writes++;
        this.avail.invoke(h, op, read, h.clientOf(op));
        continue;
      }
      if (h.outRow[op] !== i) continue;
      // An outcome counts only after its operation's invocation: alone it pairs with nothing.
      const inv = h.invRow[op];
      if (inv < 0 || inv >= i || opOf[inv] !== op || kind[inv] !== ROW.invoke) continue;
      const k = kind[i];
      const read = h.cmdOf(op) === CMD.GET;
      if (!read) {
        if (k === ROW.ok) this.acked++;
        else if (k === ROW.info) this.unknown++;
        else this.refused++;
      }
      if (k !== ROW.ok) continue;
      const latencyUs = t[i] - t[inv];
      if (read) {
        this.rLat.add(latencyUs);
        this.stale.read(h, i, op);
      } else {
        this.wLat.add(latencyUs);
        this.stale.ack(h, i, op);
        this.split.ack(h, i, op);
      }
    }
    this.rows = n;
  }

  private checkpoint(): void {
    this.avail.settle(this.h, this.rows);
    this.checkpoints.push({
      rows: this.rows,
      writes: this.writes,
      acked: this.acked,
      unknown: this.unknown,
      refused: this.refused,
      wLat: this.wLat.count,
      rLat: this.rLat.count,
      split: this.split.save(),
      queues: this.avail.save(),
      stale: this.stale.save(),
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
    this.rows = cp.rows;
    this.writes = cp.writes;
    this.acked = cp.acked;
    this.unknown = cp.unknown;
    this.refused = cp.refused;
    this.wLat.truncate(cp.wLat);
    this.rLat.truncate(cp.rLat);
    this.split.restore(cp.split);
    this.avail.restore(cp.queues, this.h, cp.rows);
    this.stale.restore(cp.stale);
  }

  private reset(): void {
    this.rows = 0;
    this.writes = this.acked = this.unknown = this.refused = 0;
    this.wLat.truncate(0);
    this.rLat.truncate(0);
    this.split.reset();
    this.avail.reset();
    this.stale.reset();
    this.checkpoints = [];
  }

  /** The table's numbers for the rows counted so far; `lost` is the model's list at the same instant. */
  counts(lost: LostWrites, endUs: number): OutcomeCounts {
    const h = this.h;
    return {
      writes: this.writes,
      acked: this.acked,
      unknownWrites: this.unknown,
      refusedWrites: this.refused,
      staleReads: this.stale.count,
      splitBrainMs: this.split.totalMs(),
      rtoMs: this.avail.rtoMs(h, 'write', this.rows, endUs),
      readRtoMs: this.avail.rtoMs(h, 'read', this.rows, endUs),
      rpoMs: rpoMs(lost, h, this.rows),
      writeLatencyMs: this.wLat.summary(),
      readLatencyMs: this.rLat.summary(),
    };
  }

  /** The latency samples counted so far (a cluster merges its shards', summarize.ts). */
  latencySamples(): { write: LatencySamples; read: LatencySamples } {
    return { write: this.wLat, read: this.rLat };
  }

  splitBrainWindows(): OverlapWindow[] {
    return this.split.windows();
  }

  ackIntervals(): AckInterval[] {
    return this.split.intervalsSoFar();
  }

  unavailabilityWindows(kind: OpKind, endUs: number): UnavailabilityWindow[] {
    return this.avail.windows(this.h, kind, this.rows, endUs);
  }

  staleReads(): { count: number; fromReplica: number; fromPrimary: number; samples: StaleRead[] } {
    return { count: this.stale.count, fromReplica: this.stale.fromReplica, fromPrimary: this.stale.count - this.stale.fromReplica, samples: this.stale.samples(this.h) };
  }
}
