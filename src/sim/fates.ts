// What became of every acknowledged write, at the simulation's instant: a function of the world at t
// only, so the same whether t was reached by playing, seeking, stepping or forking.
//
// - lost: the authoritative copy no longer holds it and nothing can bring it back: exactly the model's
//   lost-write list (lost.ts), from the same copies and thresholds;
// - at risk: not lost, but held only where the next failure or failover can erase it: the serving
//   primary's memory or disk, or the wire to a replica. No replica has applied it. In the log-durable
//   design a write is acknowledged only once 2 of 3 AZ copies of the log hold it, so none is ever at risk.
// - safe: a replica holds it too.
//
// Each design counts them (designs/<design>/fates.ts); these are the shapes the picture draws.
import type { Simulation } from './engine';

export type Fate = 'safe' | 'at-risk' | 'lost';

/** Whether a node has a write: in memory, arriving on the wire, had it in memory it has since lost. */
export type Holding = 'held' | 'arriving' | 'gone' | 'none';

export interface WriteMark {
  /** Operation id of the write. */
  op: number;
  key: string;
  ackedUs: number;
  fate: Fate;
  /** Per row of the strip (FatesView.rows), in order. */
  holding: Holding[];
}

/** One entry of a log-durable pane's strip: an append on its way to the AZ copies, or committed. */
export interface LogMark {
  index: number;
  op: number;
  /** Per AZ copy (a, b, c): has it acknowledged the append by now; null when unreachable. */
  copies: Array<boolean | null>;
  committed: boolean;
  /** The client has heard OK by now. */
  acked: boolean;
}

export interface FatesView {
  /** What the strip draws: acknowledged writes (`recent`) or log entries (`log`). */
  marks: 'writes' | 'log';
  lost: number;
  atRisk: number;
  /** Acknowledged writes so far. */
  acked: number;
  /** Cache-style: one row per node; log-durable: one per AZ copy of the log. */
  rows: Array<{ id: string; label: string }>;
  /**
   * Acknowledged writes, oldest first (cache-style): the newest ones, or, when lost writes are older than
   * those, the ones around the newest lost write, so the lost tail stays in the picture.
   */
  recent: WriteMark[];
  /** `recent` ends before the newest acknowledgements (it shows the lost tail). */
  recentIsLostTail: boolean;
  /** The most recent log entries of writes, oldest first (log-durable). */
  log: LogMark[];
  /** The oldest and newest acknowledgement times of the lost writes, µs (−1: none). */
  lostFromUs: number;
  lostToUs: number;
}

/** Writes drawn in a strip. */
export const STRIP_WRITES = 24;

/** Lost and at-risk counts at the simulation's instant (the numbers the picture and the table show). */
export function fateCounts(sim: Simulation): { lost: number; atRisk: number } {
  return sim.design.fateCounts(sim);
}

/** Everything a pane's strip draws at the simulation's instant. */
export function fatesView(sim: Simulation): FatesView {
  return sim.design.fatesView(sim);
}

/** Forget what was counted: the future of this simulation changed (a fault injected in the past). */
export function forgetFates(sim: Simulation): void {
  sim.design.forgetFates(sim);
}
