// Moving every pane to one instant when that may take long (a seek far ahead, a fault injected past what
// is computed): the stretch already computed is crossed in one jump, as PaneRunner.moveTo does, and the
// rest is computed in slices so the worker can report how far it got. Slicing changes nothing in the run:
// playback moves in the same slices.
import type { PaneRunner } from './pane-runner';

const SLICE_US = 250_000;

export function moveAll(panes: readonly PaneRunner[], target: number, onprogress: (done: number, total: number) => void): void {
  const ahead = (p: PaneRunner) => Math.max(0, target - Math.max(p.now, p.tm.reach));
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
