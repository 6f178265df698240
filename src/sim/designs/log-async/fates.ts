// The strip of a log-async pane: the newest acknowledged writes (or those around the newest lost one),
// one row per AZ copy of the log, each write filled where that copy has it. A write acknowledged but not
// yet committed is at risk (the durability buffer); one whose buffer is gone is lost.
import { STRIP_WRITES, type Fate, type FatesView, type Holding, type WriteMark } from '../../fates';
import { AZS, type AZ } from '../../types';
import type { Simulation } from '../../engine';
import { committedAt, copyDelayUs } from '../log-durable/log';
import { asyncCounts, fateOf, LOST } from './lost';

const FATES: Fate[] = ['safe', 'at-risk', 'lost'];

export function asyncFateCounts(sim: Simulation): { lost: number; atRisk: number } {
  const { lost, atRisk } = asyncCounts(sim);
  return { lost, atRisk };
}

export function asyncFatesView(sim: Simulation): FatesView {
  const w = sim.w;
  const counts = asyncCounts(sim);
  const committed = committedAt(w.log, w.now);
  const rows = w.log.rows;
  const h = w.historyLog;
  let last = w.acks.length - 1;
  let lostTail = false;
  if (counts.newestLost >= 0 && last - counts.newestLost >= STRIP_WRITES) {
    last = counts.newestLost + STRIP_WRITES / 4;
    lostTail = true;
  }
  const recent: WriteMark[] = [];
  for (let k = last; k >= 0 && recent.length < STRIP_WRITES; k--) {
    const e = w.acks.write[k];
    if (e < 0) continue;
    const fate = fateOf(sim, e, committed);
    const i = w.writes.logRow[e];
    const inLog = fate !== LOST && i >= 0 && i < rows.length && rows.write[i] === e;
    const holding = AZS.map((_, x): Holding => {
      if (!inLog) return 'none';
      const d = copyDelayUs(rows.copies[i], x);
      if (d === null) return 'none';
      return rows.sentT[i] + d <= w.now ? 'held' : 'arriving';
    });
    const row = w.acks.row[k];
    recent.push({ op: h.op[row], key: sim.keyName(w.writes.k[e]), ackedUs: h.t[row], fate: FATES[fate], holding });
  }
  recent.reverse();
  return {
    marks: 'writes',
    lost: counts.lost,
    atRisk: counts.atRisk,
    acked: w.acks.length,
    rows: AZS.map((az: AZ) => ({ id: `log-${az}`, label: `log ${az}` })),
    recent,
    recentIsLostTail: lostTail,
    log: [],
    lostFromUs: counts.lostFromUs,
    lostToUs: counts.lostToUs,
  };
}
