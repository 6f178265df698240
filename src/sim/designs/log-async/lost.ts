// What became of the log-async design's acknowledged writes (ElastiCache --durability async, model.md §6):
// the primary replies once it has executed a write, and hands it to the log after. An acknowledged write
// is safe once the log has committed it; at risk while it is on its way to the log or still in the
// buffer of a primary that is alive; lost once the buffer that held it is gone (its process died, or it
// found a newer leader in the log) before the log had it. The independent check is the log itself: a
// write counts as safe only if a committed row names it.
import { Found, fmtS, listOf } from '../../lost';
import type { LostWrites } from '../../lost-writes';
import type { Simulation } from '../../engine';
import { heldCount, DROP_CAUSE, DROP_FIELDS } from '../log-durable/buffer';
import { committedAt } from '../log-durable/log';
import { nodesOf } from '../log-durable/node';

export const SAFE = 0;
export const AT_RISK = 1;
export const LOST = 2;

/** The fate of write e (a write index) at the simulation's instant; `committed`: rows committed by now. */
export function fateOf(sim: Simulation, e: number, committed: number): number {
  const w = sim.w;
  const rows = w.log.rows;
  const i = w.writes.logRow[e];
  if (i >= 0 && i < rows.length && rows.write[i] === e) return i < committed ? SAFE : AT_RISK;
  return inLiveBuffer(sim, e) ? AT_RISK : LOST;
}

/** A running primary still holds write e in its buffer (whose writes are in increasing order). */
function inLiveBuffer(sim: Simulation, e: number): boolean {
  for (const n of nodesOf(sim)) {
    if (heldCount(n) === 0) continue;
    let lo = n.heldHead;
    let hi = n.held.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (n.held[mid].entry < e) lo = mid + 1;
      else hi = mid;
    }
    if (lo < n.held.length && n.held[lo].entry === e) return true;
  }
  return false;
}

export interface AsyncCounts {
  lost: number;
  atRisk: number;
  /** Oldest and newest acknowledgement times of the lost writes, µs (−1: none). */
  lostFromUs: number;
  lostToUs: number;
  /** Index (in w.acks) of the newest lost acknowledgement, −1 if none. */
  newestLost: number;
}

/** One pass over the acknowledgements. */
export function asyncCounts(sim: Simulation): AsyncCounts {
  const w = sim.w;
  const committed = committedAt(w.log, w.now);
  const out: AsyncCounts = { lost: 0, atRisk: 0, lostFromUs: -1, lostToUs: -1, newestLost: -1 };
  for (let k = 0; k < w.acks.length; k++) {
    const f = fateOf(sim, w.acks.write[k], committed);
    if (f === AT_RISK) out.atRisk++;
    else if (f === LOST) {
      const t = w.historyLog.t[w.acks.row[k]];
      if (out.lost === 0) out.lostFromUs = t;
      out.lostToUs = Math.max(out.lostToUs, t);
      out.lost++;
      out.newestLost = k;
    }
  }
  return out;
}

export function lostAsync(sim: Simulation): LostWrites {
  const w = sim.w;
  const committed = committedAt(w.log, w.now);
  // Every buffer dropped so far, so each lost write can name the one it was in.
  const drops: Array<{ first: number; last: number; t: number; cause: number; node: string }> = [];
  for (const n of nodesOf(sim))
    for (let j = 0; j < n.drops.length; j += DROP_FIELDS) drops.push({ first: n.drops[j], last: n.drops[j + 1], t: n.drops[j + 2], cause: n.drops[j + 3], node: n.id });
  const found = new Found();
  for (let k = 0; k < w.acks.length; k++) {
    const e = w.acks.write[k];
    if (fateOf(sim, e, committed) !== LOST) continue;
    found.add(k, drops.findIndex((d) => d.first <= e && e <= d.last));
  }
  return listOf(
    sim,
    found,
    (code) => {
      const d = drops[code];
      if (!d) return ' before the log had it; it never reached the log';
      const count = d.last - d.first + 1;
      const what = d.cause === DROP_CAUSE.died ? 'failed' : 'found a newer leader in the log';
      return ` before the log had it; ${d.node} ${what} at ${fmtS(d.t)} with it and ${(count - 1).toLocaleString('en-US')} other writes in its buffer, not yet in the log`;
    },
    false,
  );
}
