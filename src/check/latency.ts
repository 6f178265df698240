// Latency as the client saw it: from sending the request to reading the successful reply. Failed and
// timed-out requests are left out, because their duration says how long the client waited, not how
// fast the database was.
import type { HistoryEvent, LatencySummary } from '../sim/types';
import { collectOps, kindOf, type OpKind } from './ops';
import { roundMs, usToMs } from './units';

/** Nearest-rank percentile of an ascending list (no interpolation, so every value was really observed). */
function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function latencySummary(samplesMs: readonly number[]): LatencySummary {
  if (samplesMs.length === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
  // A typed copy sorts numerically without calling a comparator per step: much faster on long runs.
  const sorted = Float64Array.from(samplesMs).sort();
  return {
    count: sorted.length,
    p50: roundMs(nearestRank(sorted, 50)),
    p99: roundMs(nearestRank(sorted, 99)),
    max: roundMs(sorted[sorted.length - 1]),
  };
}

export function latenciesMs(history: readonly HistoryEvent[], kind: OpKind): number[] {
  const out: number[] = [];
  for (const op of collectOps(history)) {
    if (kindOf(op.invoke.cmd) !== kind || op.outcome?.type !== 'ok') continue;
    out.push(usToMs(op.outcome.t - op.invoke.t));
  }
  return out;
}

export function writeLatenciesMs(history: readonly HistoryEvent[]): number[] {
  return latenciesMs(history, 'write');
}

export function readLatenciesMs(history: readonly HistoryEvent[]): number[] {
  return latenciesMs(history, 'read');
}
