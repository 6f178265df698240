// What became of the cache-style design's acknowledged writes at the simulation's instant (see
// ../../fates.ts): lost and at-risk counts from the same copies and thresholds as the lost-write list
// (lost.ts), and the strip of recent writes with which node holds each.
//
// Counting runs over every acknowledgement; the app asks for it every frame, so per stream the positions
// of its acknowledged writes are kept sorted (they arrive almost in order) and each count is a pair of
// binary searches against that stream's thresholds.
import { contains } from './lineage';
import { deliveriesArriving } from './replication';
import { keptPerStream, replicaCopies, survivingCopies } from './lost';
import { memoryGone, nodesOf } from './node';
import { STRIP_WRITES, type Fate, type FatesView, type Holding, type WriteMark } from '../../fates';
import type { Simulation } from '../../engine';

/** Sorted positions of acknowledged writes, per stream, for the acknowledgements counted so far. */
interface Memo {
  acks: number;
  lastRow: number;
  byStream: Int32Array[];
  sizes: number[];
}

const memos = new WeakMap<Simulation, Memo>();

/** Forget what was counted: the future of this simulation changed (a fault injected in the past). */
export function forgetCacheFates(sim: Simulation): void {
  memos.delete(sim);
  spans.delete(sim);
}

function memoFor(sim: Simulation): Memo {
  const w = sim.w;
  const acks = w.acks;
  let m = memos.get(sim);
  // A shorter table, or another row where the last one counted was: a restore went back; count afresh.
  if (!m || acks.length < m.acks || (m.acks > 0 && acks.row[m.acks - 1] !== m.lastRow)) {
    m = { acks: 0, lastRow: -1, byStream: [], sizes: [] };
    memos.set(sim, m);
  }
  const { stream, pos } = w.writes;
  for (let k = m.acks; k < acks.length; k++) {
    const e = acks.write[k];
    if (e < 0) continue;
    const s = stream[e];
    while (m.byStream.length <= s) {
      m.byStream.push(new Int32Array(64));
      m.sizes.push(0);
    }
    let list = m.byStream[s];
    let n = m.sizes[s];
    if (n === list.length) {
      const bigger = new Int32Array(n * 2);
      bigger.set(list);
      list = m.byStream[s] = bigger;
    }
    // Insertion from the end: acknowledgements come almost in the order the writes were applied.
    const p = pos[e];
    let j = n;
    while (j > 0 && list[j - 1] > p) {
      list[j] = list[j - 1];
      j--;
    }
    list[j] = p;
    m.sizes[s] = n + 1;
  }
  m.acks = acks.length;
  m.lastRow = acks.length > 0 ? acks.row[acks.length - 1] : -1;
  return m;
}

/** How many of the first n sorted values are at least x. */
function atLeast(list: Int32Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return n - lo;
}

/** Lost and at-risk counts of the cache-style design (see the top). */
function cacheCounts(sim: Simulation): { lost: number; atRisk: number; kept: Float64Array; held: Float64Array } {
  const w = sim.w;
  const kept = keptPerStream(w.streams, survivingCopies(sim));
  const held = keptPerStream(w.streams, replicaCopies(sim));
  const m = memoFor(sim);
  let lost = 0;
  let atRisk = 0;
  for (let s = 0; s < m.byStream.length; s++) {
    const list = m.byStream[s];
    const n = m.sizes[s];
    if (n === 0) continue;
    const k = kept[s];
    const r = held[s];
    const notKept = atLeast(list, n, k);
    lost += notKept;
    if (r < k) atRisk += atLeast(list, n, r) - notKept;
  }
  return { lost, atRisk, kept, held };
}

/** Lost and at-risk counts at the simulation's instant. */
export function cacheFateCounts(sim: Simulation): { lost: number; atRisk: number } {
  const { lost, atRisk } = cacheCounts(sim);
  return { lost, atRisk };
}

/** Everything a pane's strip draws at the simulation's instant. */
export function cacheFatesView(sim: Simulation): FatesView {
  const w = sim.w;
  const { lost, atRisk, kept, held } = cacheCounts(sim);
  const [lostFromUs, lostToUs] = lostSpan(sim, lost, kept);
  const h = w.historyLog;
  const { stream, pos, k: keyOf } = w.writes;
  const nodes = nodesOf(sim);
  const arriving = nodes.map((n) => deliveriesArriving(sim, n, true));
  const recent: WriteMark[] = [];
  const isLost = (k: number) => {
    const e = w.acks.write[k];
    return e >= 0 && !(kept[stream[e]] > pos[e]);
  };
  // With writes lost, the window ends a few past the newest lost one when that is older than the newest.
  let last = w.acks.length - 1;
  let lostTail = false;
  if (lost > 0) {
    let k = last;
    while (k >= 0 && !isLost(k)) k--;
    if (k >= 0 && last - k >= STRIP_WRITES) {
      last = k + STRIP_WRITES / 4;
      lostTail = true;
    }
  }
  for (let k = last; k >= 0 && recent.length < STRIP_WRITES; k--) {
    const e = w.acks.write[k];
    if (e < 0) continue;
    const s = stream[e];
    const p = pos[e];
    const fate: Fate = !(kept[s] > p) ? 'lost' : !(held[s] > p) ? 'at-risk' : 'safe';
    const holding = nodes.map((n, i): Holding => {
      if (n.stream < 0) return 'none';
      const gone = memoryGone(n);
      if (contains(w.streams, n.stream, n.applied, s, p)) return gone ? 'gone' : 'held';
      if (!gone && arriving[i] > 0 && contains(w.streams, n.stream, n.applied + arriving[i], s, p)) return 'arriving';
      return 'none';
    });
    const row = w.acks.row[k];
    recent.push({ op: h.op[row], key: sim.keyName(keyOf[e]), ackedUs: h.t[row], fate, holding });
  }
  recent.reverse();
  return {
    marks: 'writes',
    lost,
    atRisk,
    acked: w.acks.length,
    rows: nodes.map((n) => ({ id: n.id, label: n.id })),
    recent,
    recentIsLostTail: lostTail,
    log: [],
    lostFromUs,
    lostToUs,
  };
}

/**
 * The oldest and newest acknowledgement time among the lost writes. Found by a scan of every
 * acknowledgement, so it is kept until the lost count, the streams or the primary change: the set of lost
 * writes changes only at a failover, restart, restore or rejoin, and with it (almost always) the count.
 */
function lostSpan(sim: Simulation, lost: number, kept: Float64Array): [number, number] {
  if (lost === 0) return [-1, -1];
  const w = sim.w;
  // A restore (fewer acknowledgements than when it was found) forgets it too.
  const key = `${lost}/${w.streams.length}/${w.primary}`;
  const known = spans.get(sim);
  if (known && known.key === key && w.acks.length >= known.acks) return known.span;
  const { stream, pos } = w.writes;
  let from = Infinity;
  let to = -Infinity;
  for (let k = 0; k < w.acks.length; k++) {
    const e = w.acks.write[k];
    if (e < 0 || kept[stream[e]] > pos[e]) continue;
    const t = w.historyLog.t[w.acks.row[k]];
    if (t < from) from = t;
    if (t > to) to = t;
  }
  const span: [number, number] = [from, to];
  spans.set(sim, { key, acks: w.acks.length, span });
  return span;
}

const spans = new WeakMap<Simulation, { key: string; acks: number; span: [number, number] }>();

