// What became of the log-durable design's acknowledged writes: a write survives if its log entry is
// committed; a write is acknowledged only once the quorum of AZ copies has it, so none is ever lost or at
// risk by design, and the checker counts them anyway (this is the count that shows it). The strip shows
// the newest log entries with each AZ copy's acknowledgement and the commit point.
import { Found, listOf } from '../../lost';
import type { LostWrites } from '../../lost-writes';
import { STRIP_WRITES, type FatesView, type LogMark } from '../../fates';
import { AZS, type AZ } from '../../types';
import { ROW } from '../../history';
import type { Simulation } from '../../engine';
import { committedAt, copyDelayUs } from './log';

/** Acknowledgement k's write is in the committed log (as the entry its operation names). */
function inCommittedLog(sim: Simulation, k: number, committed: number): boolean {
  const w = sim.w;
  const h = w.historyLog;
  const rows = w.log.rows;
  const r = w.acks.row[k];
  const i = h.xOf(h.op[r]) - 1;
  const inLog = i >= 0 && i < rows.length;
  return inLog && i < committed && rows.write[i] >= 0 && w.writes.w[rows.write[i]] === h.op[r];
}

export function lostDurable(sim: Simulation): LostWrites {
  const w = sim.w;
  const found = new Found();
  const committed = committedAt(w.log, w.now);
  for (let k = 0; k < w.acks.length; k++) if (!inCommittedLog(sim, k, committed)) found.add(k, 0);
  return listOf(sim, found, () => ' but not in the committed log', false);
}

function durableLost(sim: Simulation): number {
  const w = sim.w;
  const committed = committedAt(w.log, w.now);
  let lost = 0;
  for (let k = 0; k < w.acks.length; k++) if (!inCommittedLog(sim, k, committed)) lost++;
  return lost;
}

export function durableFateCounts(sim: Simulation): { lost: number; atRisk: number } {
  return { lost: durableLost(sim), atRisk: 0 };
}

export function durableFatesView(sim: Simulation): FatesView {
  return {
    marks: 'log',
    lost: durableLost(sim),
    atRisk: 0,
    acked: sim.w.acks.length,
    rows: AZS.map((az: AZ) => ({ id: `log-${az}`, label: `log ${az}` })),
    recent: [],
    recentIsLostTail: false,
    log: logMarks(sim),
    lostFromUs: -1,
    lostToUs: -1,
  };
}

/** The newest write entries of the log, with each AZ copy's acknowledgement and the commit point. */
function logMarks(sim: Simulation): LogMark[] {
  const w = sim.w;
  const rows = w.log.rows;
  const h = w.historyLog;
  const committed = committedAt(w.log, w.now);
  const out: LogMark[] = [];
  for (let i = rows.length - 1; i >= 0 && out.length < STRIP_WRITES; i--) {
    if (rows.write[i] < 0) continue; // lease renewals and claims carry no client write
    const op = w.writes.w[rows.write[i]];
    const copies = AZS.map((_, x) => {
      const d = copyDelayUs(rows.copies[i], x);
      return d === null ? null : rows.sentT[i] + d <= w.now;
    });
    const r = h.outcomeRowOf(op);
    out.push({ index: i, op, copies, committed: i < committed, acked: r >= 0 && h.kind[r] === ROW.ok });
  }
  return out.reverse();
}
