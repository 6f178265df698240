// A second opinion on lost writes that shares nothing with the engine's bookkeeping: it rebuilds which
// acknowledged writes the final primary's data descends from, using only what clients were told (term
// and offset of each acknowledgement) and the term changes in the trace.
//
// Term T keeps its parent's lineage up to the fork offset, plus every write acknowledged in T itself.
// Restrictions compose, so an ancestor contributes the writes at or below the smallest fork offset on
// the path down to the final term: one walk back to the root with a tightening cap yields the final
// lineage without materialising any intermediate one. A write the old
// primary acknowledged after a newer term forked from it is kept exactly when its offset made it into
// the fork, which is what "the promoted replica's offset is the truth" means.
import { CMD, ROW, type HistoryLog } from '../sim/history';
import type { TraceEvent } from '../sim/types';

interface TermStart {
  fromTerm: number | null;
  forkOffset: number;
}

interface AckedWrite {
  id: number;
  term: number;
  offset: number;
}

export function recountLostWriteIds(h: HistoryLog, trace: readonly TraceEvent[]): number[] {
  const starts = new Map<number, TermStart>();
  let finalTerm: number | null = null;
  for (const ev of trace) {
    if (ev.type !== 'term') continue;
    // A term announced twice is described by its latest announcement.
    starts.set(ev.term, { fromTerm: ev.fromTerm, forkOffset: ev.forkOffset });
    finalTerm = ev.term;
  }

  const acked: AckedWrite[] = [];
  for (let r = 0; r < h.length; r++) {
    if (h.kind[r] !== ROW.ok) continue;
    const op = h.op[r];
    const inv = h.invokeRowOf(op);
    if (h.outRow[op] !== r || inv < 0 || inv > r || h.cmdOf(op) === CMD.GET) continue;
    acked.push({ id: op, term: h.a[op], offset: h.xOf(op) });
  }
  // Without any term change recorded there is a single lineage and nothing to lose.
  if (finalTerm === null) return [];

  /** Highest offset of each term that the final lineage keeps; absent = none of it. */
  const keepUpTo = new Map<number, number>();
  let term: number | null = finalTerm;
  let cap = Infinity;
  while (term !== null && !keepUpTo.has(term)) {
    keepUpTo.set(term, cap);
    const start = starts.get(term);
    if (!start) break; // a term the trace never announced has no known parent
    cap = Math.min(cap, start.forkOffset);
    term = start.fromTerm;
  }

  return acked
    .filter((w) => {
      const limit = keepUpTo.get(w.term);
      return limit === undefined || w.offset > limit;
    })
    .map((w) => w.id)
    .sort((a, b) => a - b);
}
