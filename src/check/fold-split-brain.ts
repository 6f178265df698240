// Split brain as clients could observe it: two different nodes both acknowledging writes over the same
// stretch of time. Each node's acknowledgements within one term form one interval, from its first to its
// last; the window is the time covered by intervals of at least two distinct nodes.
import type { HistoryLog } from '../sim/history';
import { compareStrings } from './order';
import { usToMs } from './units';

export interface AckInterval {
  node: string;
  term: number;
  startMs: number;
  endMs: number;
  writes: number;
}

export interface OverlapWindow {
  startMs: number;
  endMs: number;
  /** Nodes acknowledging writes throughout this window, sorted. */
  nodes: string[];
}

interface RawInterval {
  node: string;
  term: number;
  start: number;
  end: number;
  writes: number;
}

/** Folds acknowledged writes into per-(term, node) intervals; a few of them per run, so saved whole. */
export class SplitBrainFold {
  private intervals = new Map<string, RawInterval>();
  /** The interval the last acknowledgement went into: runs of them come from one node in one term. */
  private last: RawInterval | null = null;
  private lastNode = -2;

  /** Row i acknowledged a write. */
  ack(h: HistoryLog, i: number, op: number): void {
    const term = h.a[op];
    const nodeIdx = h.node[i];
    const t = h.t[i];
    let iv = this.last;
    if (iv === null || iv.term !== term || this.lastNode !== nodeIdx) {
      const node = nodeIdx >= 0 ? h.nodeIds[nodeIdx] : '-';
      const id = `${term}\u0000${node}`;
      iv = this.intervals.get(id) ?? null;
      if (!iv) {
        iv = { node, term, start: t, end: t, writes: 0 };
        this.intervals.set(id, iv);
      }
      this.last = iv;
      this.lastNode = nodeIdx;
    }
    if (t < iv.start) iv.start = t;
    if (t > iv.end) iv.end = t;
    iv.writes++;
  }

  save(): RawInterval[] {
    return [...this.intervals.values()].map((iv) => ({ ...iv }));
  }

  restore(saved: readonly RawInterval[]): void {
    this.intervals = new Map(saved.map((iv) => [`${iv.term}\u0000${iv.node}`, { ...iv }]));
    this.last = null;
  }

  reset(): void {
    this.intervals = new Map();
    this.last = null;
  }

  private sorted(): RawInterval[] {
    return [...this.intervals.values()].sort((a, b) => a.start - b.start || a.term - b.term || compareStrings(a.node, b.node));
  }

  intervalsSoFar(): AckInterval[] {
    return this.sorted().map((iv) => ({ node: iv.node, term: iv.term, startMs: usToMs(iv.start), endMs: usToMs(iv.end), writes: iv.writes }));
  }

  /**
   * Sweep over interval ends. Activity is counted per node, so one node's intervals from consecutive terms
   * that touch or overlap never look like a split brain on their own.
   */
  windows(): OverlapWindow[] {
    const points: { t: number; node: string; delta: number }[] = [];
    for (const iv of this.sorted()) {
      if (iv.end === iv.start) continue; // a single instant covers no time
      points.push({ t: iv.start, node: iv.node, delta: 1 }, { t: iv.end, node: iv.node, delta: -1 });
    }
    points.sort((a, b) => a.t - b.t);
    const active = new Map<string, number>();
    const windows: OverlapWindow[] = [];
    let i = 0;
    while (i < points.length) {
      const t = points[i].t;
      for (; i < points.length && points[i].t === t; i++) {
        const n = (active.get(points[i].node) ?? 0) + points[i].delta;
        if (n === 0) active.delete(points[i].node);
        else active.set(points[i].node, n);
      }
      if (i === points.length || active.size < 2) continue;
      const nodes = [...active.keys()].sort();
      const last = windows[windows.length - 1];
      if (last && last.endMs === usToMs(t) && sameNodes(last.nodes, nodes)) last.endMs = usToMs(points[i].t);
      else windows.push({ startMs: usToMs(t), endMs: usToMs(points[i].t), nodes });
    }
    return windows;
  }

  totalMs(): number {
    let totalUs = 0;
    for (const w of this.windows()) totalUs += Math.round((w.endMs - w.startMs) * 1000);
    return usToMs(totalUs);
  }
}

function sameNodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
