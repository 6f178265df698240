// Split brain as clients could observe it: two different nodes both acknowledging writes over the same
// stretch of time. Each node's acknowledgements within one term form one interval, from its first to its
// last; the window is the time covered by intervals of at least two distinct nodes.
import type { HistoryEvent } from '../sim/types';
import { collectOps, compareStrings, isWriteCmd } from './ops';
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

export interface RawInterval {
  node: string;
  term: number;
  start: number;
  end: number;
  writes: number;
}

function rawIntervals(history: readonly HistoryEvent[]): RawInterval[] {
  const byNodeTerm = new Map<string, RawInterval>();
  for (const op of collectOps(history)) {
    const ok = op.outcome;
    if (!isWriteCmd(op.invoke.cmd) || ok?.type !== 'ok') continue;
    const id = `${ok.term}\u0000${ok.node}`;
    const iv = byNodeTerm.get(id);
    if (!iv) byNodeTerm.set(id, { node: ok.node, term: ok.term, start: ok.t, end: ok.t, writes: 1 });
    else {
      iv.start = Math.min(iv.start, ok.t);
      iv.end = Math.max(iv.end, ok.t);
      iv.writes++;
    }
  }
  return sortIntervals([...byNodeTerm.values()]);
}

/** The order every split-brain computation walks intervals in. */
export function sortIntervals(intervals: RawInterval[]): RawInterval[] {
  return intervals.sort((a, b) => a.start - b.start || a.term - b.term || compareStrings(a.node, b.node));
}

export function ackIntervals(history: readonly HistoryEvent[]): AckInterval[] {
  return rawIntervals(history).map((iv) => ({
    node: iv.node,
    term: iv.term,
    startMs: usToMs(iv.start),
    endMs: usToMs(iv.end),
    writes: iv.writes,
  }));
}

/**
 * Sweep over interval ends. Activity is counted per node, so one node's intervals from consecutive
 * terms that touch or overlap never look like a split brain on their own.
 */
export function splitBrainWindows(history: readonly HistoryEvent[]): OverlapWindow[] {
  return overlapWindows(rawIntervals(history));
}

/** The sweep itself, over intervals already in sortIntervals order (the app's live summary keeps its own). */
export function overlapWindows(intervals: readonly RawInterval[]): OverlapWindow[] {
  const points: { t: number; node: string; delta: number }[] = [];
  for (const iv of intervals) {
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

function sameNodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

export function splitBrainMs(history: readonly HistoryEvent[]): number {
  return overlapMs(splitBrainWindows(history));
}

export function overlapMs(windows: readonly OverlapWindow[]): number {
  let totalUs = 0;
  for (const w of windows) totalUs += Math.round((w.endMs - w.startMs) * 1000);
  return usToMs(totalUs);
}
