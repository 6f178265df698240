// When does a lesson's `until` condition first hold, and has a "try it" task reached its goal? Pure
// functions of what a run recorded (trace, history, the model's lost list, or its RunSummary), so the
// answer is the same in Node, in the Web Worker and on every replay of the same (scenario, seed, faults).
//
// "First lost write" is only known once the run has gone past the failure that loses it, so the pause
// time comes from a complete run; the time machine then seeks to it. Determinism makes that the same
// instant the learner would reach by playing forward.
import { Outcomes } from '../check/outcomes';
import { msToUs } from '../check/units';
import { evaluateExpect } from '../scenario/expect';
import type { Goal, LessonStep, UntilEvent, Until } from './schema';
import type { HistoryLog } from '../sim/history';
import type { LostWrites } from '../sim/lost-writes';
import type { FaultKind, RunSummary, TraceEvent } from '../sim/types';

/** The `until` shorthand (`until: failover`) and the long form, as one shape. */
export interface UntilCondition {
  event: UntilEvent;
  /** Pane to watch by label or preset id; undefined = any pane. */
  preset?: string;
  /** For `fault`: only this kind. */
  kind?: FaultKind;
  /** For `time`: seconds. */
  at?: number;
}

/** What one pane's run recorded, up to now or to its end. */
export interface PaneRecord {
  label: string;
  presetId: string;
  trace: readonly TraceEvent[];
  /** Its client history: one, or a cluster's one per shard. */
  histories: readonly HistoryLog[];
  /** The model's own list of acknowledged writes it lost (RunResult.lost). */
  lost: LostWrites;
}

export interface Occurrence {
  /** Simulated µs. */
  tUs: number;
  /** Label of the pane where it happened first. */
  pane: string;
}

export function normalizeUntil(until: Until): UntilCondition {
  return typeof until === 'string' ? { event: until } : { ...until };
}

/** True when `name` picks this pane: by label first, then by preset id, as `expect` keys do. */
export function paneMatches(name: string, pane: Pick<PaneRecord, 'label' | 'presetId'>, all: readonly Pick<PaneRecord, 'label'>[]): boolean {
  if (all.some((p) => p.label === name)) return pane.label === name;
  return pane.presetId === name;
}

/** First simulated µs at which the condition holds in one pane's record, or null if it never does. */
export function firstOccurrenceIn(condition: UntilCondition, run: Omit<PaneRecord, 'label' | 'presetId'>): number | null {
  const firstTrace = (match: (e: TraceEvent) => boolean): number | null => run.trace.find(match)?.t ?? null;
  switch (condition.event) {
    case 'time':
      return condition.at === undefined ? null : Math.round(condition.at * 1e6);
    case 'fault':
      return firstTrace((e) => e.type === 'fault' && (condition.kind === undefined || e.fault.kind === condition.kind));
    case 'failover':
      return firstTrace((e) => e.type === 'term' && (e.cause === 'promotion' || e.cause === 'election'));
    case 'first-lost-write':
      // The list is in acknowledgement order.
      return run.lost.length === 0 ? null : run.lost.ackedUsAt(0);
    case 'split-brain': {
      // A split brain is a shard's: the earliest in any of them.
      let first: number | null = null;
      for (const h of run.histories) {
        const w = Outcomes.of(h).splitBrainWindows()[0];
        if (w && (first === null || msToUs(w.startMs) < first)) first = msToUs(w.startMs);
      }
      return first;
    }
    case 'lease-expired':
      return firstTrace((e) => e.type === 'node-state' && e.state === 'leaseExpired');
    case 'writes-refused':
      return firstTrace((e) => e.type === 'writes-refused');
    case 'full-resync':
      return firstTrace((e) => e.type === 'resync' && e.kind === 'full');
    case 'restart':
      return firstTrace((e) => e.type === 'term' && e.cause === 'restart');
    case 'restore-backup':
      return firstTrace((e) => e.type === 'term' && e.cause === 'restore-backup');
  }
}

/** Earliest occurrence over the watched panes (one pane if the condition names it, else all). */
export function firstOccurrence(condition: UntilCondition, panes: readonly PaneRecord[]): Occurrence | null {
  let best: Occurrence | null = null;
  for (const pane of panes) {
    if (condition.preset !== undefined && !paneMatches(condition.preset, pane, panes)) continue;
    const t = firstOccurrenceIn(condition, pane);
    // Ties go to the earlier pane, so the answer does not depend on anything but the pane order.
    if (t !== null && (best === null || t < best.tUs)) best = { tUs: t, pane: pane.label };
  }
  return best;
}

export function holdsAt(condition: UntilCondition, panes: readonly PaneRecord[], tUs: number): boolean {
  const first = firstOccurrence(condition, panes);
  return first !== null && first.tUs <= tUs;
}

/**
 * Where the simulation pauses for a step: its `at`, the first time its `until` holds, or null when the
 * step sets no pause or the condition never happens (then the player leaves the clock where it is).
 */
export function pauseTime(step: Pick<LessonStep, 'at' | 'until'>, panes: readonly PaneRecord[]): number | null {
  if (step.at !== undefined) return Math.round(step.at * 1e6);
  if (step.until === undefined) return null;
  return firstOccurrence(normalizeUntil(step.until), panes)?.tUs ?? null;
}

export interface PaneSummary {
  label: string;
  presetId: string;
  summary: RunSummary;
}

export interface GoalCheck {
  passed: boolean;
  /** One sentence per unmet goal, e.g. "ElastiCache (async): lostAcked: expected 0, got 25". */
  failures: string[];
}

/**
 * A task's goals against the panes' outcomes after the learner's changes. A goal naming a pane that is no
 * longer shown fails with a message rather than passing silently.
 */
export function checkGoals(goal: Goal | readonly Goal[], panes: readonly PaneSummary[]): GoalCheck {
  const goals: readonly Goal[] = Array.isArray(goal) ? goal : [goal as Goal];
  const failures: string[] = [];
  for (const { preset, ...assertions } of goals) {
    const matching = panes.filter((p) => paneMatches(preset, p, panes));
    if (matching.length === 0) {
      failures.push(`${preset}: this pane is not shown; add it back to check the goal`);
      continue;
    }
    for (const pane of matching) {
      for (const failure of evaluateExpect(assertions, pane.summary).failures) failures.push(`${pane.label}: ${failure}`);
    }
  }
  return { passed: failures.length === 0, failures };
}
