// A run computed from 0 s to its end in a time machine of its own (lesson pauses, trace hashes), in slices
// so the worker can report progress on the way. Slicing changes nothing: advancing to t and then to u
// gives exactly the state of advancing to u at once.
import { TimeMachine, type InjectedFault } from '../../sim/timemachine';
import type { RunSpec } from '../../sim/types';

/** One checkpoint only: such a run is read once from start to end and then dropped. */
const NO_CHECKPOINTS = Number.MAX_SAFE_INTEGER;
/** About this many slices per run. */
const SLICES = 200;

export function completeRun(spec: RunSpec, injected: readonly InjectedFault[], onprogress?: (doneUs: number, endUs: number) => void): TimeMachine {
  const tm = new TimeMachine(spec, [...injected], NO_CHECKPOINTS);
  const slice = Math.max(100_000, Math.ceil(tm.endUs / SLICES));
  while (tm.now < tm.endUs) {
    tm.advance(Math.min(tm.endUs, tm.now + slice));
    onprogress?.(tm.now, tm.endUs);
  }
  return tm;
}
