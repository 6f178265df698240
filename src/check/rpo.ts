// RPO as the span of time whose acknowledged writes are gone. The span starts at the last write that
// survived before the first loss (everything up to it is safe), or at the first loss when nothing
// acknowledged earlier survived, and ends at the last lost acknowledgement.
import type { HistoryEvent, LostWrite } from '../sim/types';
import { collectOps, isWriteCmd } from './ops';
import { msToUs, usToMs } from './units';

export function rpoMs(lost: readonly LostWrite[], history: readonly HistoryEvent[]): number {
  if (lost.length === 0) return 0;
  const lostIds = new Set<number>();
  let first = Infinity;
  let last = -Infinity;
  for (const w of lost) {
    lostIds.add(w.id);
    const t = msToUs(w.ackedAtMs);
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  let safe = -Infinity;
  for (const op of collectOps(history)) {
    const ok = op.outcome;
    if (!isWriteCmd(op.invoke.cmd) || ok?.type !== 'ok' || lostIds.has(op.id)) continue;
    if (ok.t <= first && ok.t > safe) safe = ok.t;
  }
  return usToMs(last - (safe === -Infinity ? first : safe));
}
