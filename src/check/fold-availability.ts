// Recovery time as clients experienced it. Each client AZ is judged on its own, since an outage may hit
// one AZ (an isolated primary's neighbours) and not the others; the RTO is the worst AZ's longest gap.
// A window opens at the invocation of the first request that failed or timed out after the last success
// and closes at the invocation of the next request that succeeded. Invocation times on both ends, so a
// timeout's waiting time counts once, at the start. Requests still pending are left out: nobody knows yet
// how they went.
import { AZS, type AZ } from '../sim/types';
import { ROW, type HistoryLog } from '../sim/history';
import { IntList } from './int-list';
import { usToMs } from './units';
import { compareStrings } from './order';

export type OpKind = 'write' | 'read';

export interface UnavailabilityWindow {
  az: AZ;
  startMs: number;
  endMs: number;
  /** false when the run ended before any request of this kind succeeded again. */
  recovered: boolean;
}

/** Ops of one kind from one client AZ, in (invocation time, id) order, folded into windows up to `head`. */
interface Queue {
  ops: IntList;
  head: number;
  openAt: number;
  worstUs: number;
  /** An op once went in before the last one: a rewind has to look at the whole list. */
  disordered: boolean;
}

export interface SavedQueue {
  length: number;
  head: number;
  openAt: number;
  worstUs: number;
}

const NONE = -1;

function windowUs(startUs: number, endUs: number): number {
  return Math.round((usToMs(endUs) - usToMs(startUs)) * 1000);
}

export class AvailabilityFold {
  /** Index kind * 3 + AZ, kind 0 = write, 1 = read. */
  private queues: Queue[] = [];

  constructor() {
    this.reset();
  }

  reset(): void {
    this.queues = Array.from({ length: 6 }, () => ({ ops: new IntList(), head: 0, openAt: NONE, worstUs: 0, disordered: false }));
  }

  private static invT(h: HistoryLog, op: number): number {
    return h.t[h.invRow[op]];
  }

  /** Operation `op` was invoked (row i) by a client in AZ index `az`. */
  invoke(h: HistoryLog, op: number, read: boolean, az: number): void {
    const q = this.queues[(read ? 3 : 0) + az];
    const ops = q.ops;
    ops.push(op);
    const items = ops.items;
    let j = ops.length - 1;
    const tNew = AvailabilityFold.invT(h, op);
    while (j > 0) {
      const prev = items[j - 1];
      const tPrev = AvailabilityFold.invT(h, prev);
      if (tPrev < tNew || (tPrev === tNew && prev < op)) break;
      items[j] = prev;
      j--;
    }
    if (j !== ops.length - 1) {
      items[j] = op;
      q.disordered = true;
      // Landed among ops already folded in: fold this queue again from its start.
      if (j < q.head) {
        q.head = 0;
        q.openAt = NONE;
        q.worstUs = 0;
      }
    }
  }

  /** Fold every queue's settled ops (outcome rows below `rows`) into its windows. */
  settle(h: HistoryLog, rows: number): void {
    for (const q of this.queues) {
      const items = q.ops.items;
      while (q.head < q.ops.length) {
        const id = items[q.head];
        const r = h.outcomeRowOf(id);
        if (r < 0 || r >= rows) break;
        const inv = AvailabilityFold.invT(h, id);
        if (h.kind[r] === ROW.ok) {
          if (q.openAt !== NONE && inv > q.openAt) q.worstUs = Math.max(q.worstUs, windowUs(q.openAt, inv));
          q.openAt = NONE;
        } else if (q.openAt === NONE) q.openAt = inv;
        q.head++;
      }
    }
  }

  save(): SavedQueue[] {
    return this.queues.map((q) => ({ length: q.ops.length, head: q.head, openAt: q.openAt, worstUs: q.worstUs }));
  }

  /** Back to a saved state: ops invoked at row `rows` or later are forgotten. */
  restore(saved: readonly SavedQueue[], h: HistoryLog, rows: number): void {
    this.queues.forEach((q, qi) => {
      const s = saved[qi];
      const ops = q.ops;
      if (!q.disordered) {
        while (ops.length > 0 && h.invRow[ops.last()] >= rows) ops.length--;
      } else {
        let k = 0;
        for (let j = 0; j < ops.length; j++) if (h.invRow[ops.items[j]] < rows) ops.items[k++] = ops.items[j];
        ops.length = k;
      }
      if (ops.length !== s.length) throw new Error('availability: checkpoint out of step');
      q.head = s.head;
      q.openAt = s.openAt;
      q.worstUs = s.worstUs;
    });
  }

  /** Longest window of one kind over the AZs, settled ops and the pending rest alike (see the top). */
  rtoMs(h: HistoryLog, kind: OpKind, rows: number, endUs: number): number {
    let worst = 0;
    for (let az = 0; az < 3; az++) {
      const q = this.queues[(kind === 'read' ? 3 : 0) + az];
      let openAt = q.openAt;
      let w = q.worstUs;
      const items = q.ops.items;
      for (let j = q.head; j < q.ops.length; j++) {
        const id = items[j];
        const r = h.outcomeRowOf(id);
        if (r < 0 || r >= rows) continue; // nobody knows yet how it went
        const inv = AvailabilityFold.invT(h, id);
        if (h.kind[r] === ROW.ok) {
          if (openAt !== NONE && inv > openAt) w = Math.max(w, windowUs(openAt, inv));
          openAt = NONE;
        } else if (openAt === NONE) openAt = inv;
      }
      if (openAt !== NONE && endUs > openAt) w = Math.max(w, windowUs(openAt, endUs));
      worst = Math.max(worst, w);
    }
    return usToMs(worst);
  }

  /** Every window of one kind, walking the queues from their start (for lessons and tests). */
  windows(h: HistoryLog, kind: OpKind, rows: number, endUs: number): UnavailabilityWindow[] {
    const out: UnavailabilityWindow[] = [];
    for (let az = 0; az < 3; az++) {
      const q = this.queues[(kind === 'read' ? 3 : 0) + az];
      let openAt = NONE;
      for (let j = 0; j < q.ops.length; j++) {
        const id = q.ops.items[j];
        const r = h.outcomeRowOf(id);
        if (r < 0 || r >= rows) continue;
        const inv = AvailabilityFold.invT(h, id);
        if (h.kind[r] === ROW.ok) {
          if (openAt !== NONE && inv > openAt) out.push({ az: AZS[az], startMs: usToMs(openAt), endMs: usToMs(inv), recovered: true });
          openAt = NONE;
        } else if (openAt === NONE) openAt = inv;
      }
      if (openAt !== NONE && endUs > openAt) out.push({ az: AZS[az], startMs: usToMs(openAt), endMs: usToMs(endUs), recovered: false });
    }
    return out.sort((a, b) => a.startMs - b.startMs || compareStrings(a.az, b.az));
  }
}
