// RPO as the span of time whose acknowledged writes are gone. The span starts at the last write that
// survived before the first loss (everything up to it is safe), or at the first loss when nothing
// acknowledged earlier survived, and ends at the last lost acknowledgement.
import type { HistoryEvent, LostWrite } from '../sim/types';
import { collectOps, isWriteCmd } from './ops';
import { msToUs, usToMs } from './units';

/** The lost writes' ids and the first and last of their acknowledgement times, µs. */
export function lostSpan(lost: readonly LostWrite[]): { ids: Set<number>; first: number; last: number } {
  const ids = new Set<number>();
  let first = Infinity;
  let last = -Infinity;
  for (const w of lost) {
    ids.add(w.id);
    const t = msToUs(w.ackedAtMs);
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  return { ids, first, last };
}

/** RPO from the span of losses and the newest surviving acknowledgement at or before the first (−∞: none). */
export function rpoFromSpan(first: number, last: number, safe: number): number {
  return usToMs(last - (safe === -Infinity ? first : safe));
}

export function rpoMs(lost: readonly LostWrite[], history: readonly HistoryEvent[]): number {
  if (lost.length === 0) return 0;
  const { ids, first, last } = lostSpan(lost);
  let safe = -Infinity;
  for (const op of collectOps(history)) {
    const ok = op.outcome;
    if (!isWriteCmd(op.invoke.cmd) || ok?.type !== 'ok' || ids.has(op.id)) continue;
    if (ok.t <= first && ok.t > safe) safe = ok.t;
  }
  return rpoFromSpan(first, last, safe);
}
