// A run computed from 0 s to its end in a time machine of its own (lesson pauses, trace hashes), in slices
// so the worker can report progress on the way. Slicing changes nothing: advancing to t and then to u
// gives exactly the state of advancing to u at once.
import { TimeMachine, clusterTimeMachine, type InjectedFault, type Timeline } from '../../sim/timemachine';
import type { Cluster } from '../../sim/cluster/cluster';
import type { RunSpec } from '../../sim/types';

/** One checkpoint only: such a run is read once from start to end and then dropped. */
const NO_CHECKPOINTS = Number.MAX_SAFE_INTEGER;
/** About this many slices per run. */
const SLICES = 200;

export function completeRun(spec: RunSpec, injected: readonly InjectedFault[], onprogress?: (doneUs: number, endUs: number) => void): TimeMachine {
  return runToEnd(new TimeMachine(spec, [...injected], NO_CHECKPOINTS), onprogress);
}

/** The same for a cluster's spec: every shard on one clock. */
export function completeClusterRun(spec: RunSpec, injected: readonly InjectedFault[], onprogress?: (doneUs: number, endUs: number) => void): TimeMachine<Cluster> {
  return runToEnd(clusterTimeMachine(spec, [...injected], NO_CHECKPOINTS), onprogress);
}

function runToEnd<S extends Timeline>(tm: TimeMachine<S>, onprogress?: (doneUs: number, endUs: number) => void): TimeMachine<S> {
  const slice = Math.max(100_000, Math.ceil(tm.endUs / SLICES));
  while (tm.now < tm.endUs) {
    tm.advance(Math.min(tm.endUs, tm.now + slice));
    onprogress?.(tm.now, tm.endUs);
  }
  return tm;
}
