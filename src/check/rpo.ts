// RPO as the span of time whose acknowledged writes are gone. The span starts at the last write that
// survived before the first loss (everything up to it is safe), or at the first loss when nothing
// acknowledged earlier survived, and ends at the last lost acknowledgement.
import { CMD, ROW, type HistoryLog } from '../sim/history';
import type { LostWrites } from '../sim/lost-writes';
import { firstAbove } from '../sim/search';
import { usToMs } from './units';

function contains(sorted: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === id;
}

/** rows: how much of the history to look at (the rows counted so far). */
export function rpoMs(lost: LostWrites, h: HistoryLog, rows = h.length): number {
  if (lost.length === 0) return 0;
  const first = lost.ackedUsAt(0);
  const last = lost.ackedUsAt(lost.length - 1);
  const lostIds = lost.idsAscending();
  // Newest acknowledgement at or before the first loss that was not lost: back from the first loss.
  let safe = -Infinity;
  for (let r = firstAbove(h.t, first, 0, rows) - 1; r >= 0; r--) {
    if (h.kind[r] !== ROW.ok) continue;
    const op = h.op[r];
    if (h.cmdOf(op) === CMD.GET || h.outRow[op] !== r || h.invokeRowOf(op) < 0 || h.invRow[op] > r) continue;
    if (contains(lostIds, op)) continue;
    safe = h.t[r];
    break;
  }
  return usToMs(last - (safe === -Infinity ? first : safe));
}
