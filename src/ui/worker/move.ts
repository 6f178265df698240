// Moving every pane to one instant when that may take long (a seek far ahead, a fault injected past what
// is computed): the stretch already computed is crossed in one jump, as PaneRunner.moveTo does, and the
// rest is computed in slices so the worker can report how far it got. Slicing changes nothing in the run:
// playback moves in the same slices.
import type { PaneRunner } from './pane-runner';
import type { Timeline } from '../../sim/timemachine';

const SLICE_US = 250_000;

export function moveAll(panes: readonly PaneRunner<Timeline>[], target: number, onprogress: (done: number, total: number) => void): void {
  const ahead = (p: PaneRunner<Timeline>) => Math.max(0, target - Math.max(p.now, p.tm.reach));
  const total = panes.reduce((sum, p) => sum + ahead(p), 0);
  let done = 0;
  for (const p of panes) {
    const todo = ahead(p);
    if (todo === 0) {
      p.moveTo(target);
      continue;
    }
    if (p.tm.reach > p.now) p.moveTo(p.tm.reach);
    const from = p.now;
    while (p.now < target && p.now < p.tm.endUs) {
      p.moveTo(Math.min(target, p.now + SLICE_US));
      onprogress(done + (p.now - from), total);
    }
    done += todo;
  }
}

/** How far ahead Next computes at a time while no pane has logged an event after its starting instant. */
const NEXT_STEP_US = 1_000_000;

/**
 * The instant of the first logged event of any pane after fromUs (what the event log shows next), computing
 * ahead as needed; the end of the run when nothing more happens. The panes are left wherever computing took
 * them: the caller moves them to the answer. An event is known once every pane's run has passed its instant,
 * since an earlier event of a pane not computed that far could still come first.
 */
export function nextEventAfter(panes: readonly PaneRunner<Timeline>[], fromUs: number, onprogress: (done: number, total: number) => void): number {
  if (panes.length === 0) return fromUs;
  const endUs = Math.min(...panes.map((p) => p.tm.endUs));
  if (fromUs >= endUs) return endUs;
  const start = Math.min(...panes.map((p) => p.observer.frontierUs));
  for (;;) {
    const known = Math.min(...panes.map((p) => p.observer.frontierUs));
    let first = Infinity;
    for (const p of panes) {
      const line = p.observer.log.find((l) => l.tUs > fromUs);
      if (line && line.tUs < first) first = line.tUs;
    }
    if (first <= known) return first;
    if (known >= endUs) return endUs;
    const to = Math.min(endUs, Math.max(known, fromUs) + NEXT_STEP_US);
    moveAll(panes, to, () => onprogress(Math.max(0, to - start), Math.max(1, endUs - start)));
  }
}

/**
 * Computes ahead of `fromUs` (where the panes are) towards `toUs`, for at most `budgetMs` of wall time, and
 * returns how far it got and the instants of the faults and failovers found on the way; the panes are then
 * put back at fromUs. The run computed ahead is kept (seeking forward later restores it), but nothing in it
 * is shown before the clock gets there (see revealedUs in lab.worker.ts).
 */
export function lookAhead(panes: readonly PaneRunner<Timeline>[], fromUs: number, toUs: number, budgetMs: number): { toUs: number; moments: number[] } {
  const t0 = performance.now();
  const endUs = Math.min(...panes.map((p) => p.tm.endUs));
  const goal = Math.min(endUs, toUs);
  let reached = Math.max(fromUs, Math.min(...panes.map((p) => p.tm.reach)));
  if (reached < goal) {
    if (reached > fromUs) for (const p of panes) p.moveTo(reached);
    while (reached < goal && performance.now() - t0 < budgetMs) {
      reached = Math.min(goal, reached + SLICE_US);
      for (const p of panes) p.moveTo(reached);
    }
  }
  reached = Math.min(reached, goal);
  const moments = new Set<number>();
  for (const p of panes) for (const m of p.observer.markers) if (m.tUs > fromUs && m.tUs <= reached) moments.add(m.tUs);
  for (const p of panes) p.moveTo(fromUs);
  return { toUs: reached, moments: [...moments].sort((a, b) => a - b) };
}
