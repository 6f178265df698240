// Where each lesson step pauses, from each pane's complete run. `until` conditions such as the first lost
// write are only known once the run has gone past the failure, so each pane is run to its end in a
// separate simulation (same spec, same hand-injected faults): the learner's own timeline, its checkpoints
// and what the event log has shown so far are left untouched, and nothing ahead of the clock is revealed.
import { pauseTime, type PaneRecord } from '../../lesson/conditions';
import { lostWrites } from '../../sim/lost';
import type { InjectedFault } from '../../sim/timemachine';
import type { RunSpec } from '../../sim/types';
import { completeClusterRun, completeRun } from './complete-run';
import { isCluster } from '../../sim/cluster/specs';
import { mergeLost } from '../../sim/run';
import type { PauseStep } from './protocol';

/** A cluster's record: every shard's trace in one order of time (ties to the lower shard), their histories and their lost writes together. */
export function completeRecord(spec: RunSpec, injected: readonly InjectedFault[], onprogress?: (doneUs: number, endUs: number) => void): PaneRecord {
  if (isCluster(spec)) {
    const runs = completeClusterRun(spec, injected, onprogress).sim.runs;
    const trace = runs.flatMap((r) => r.w.trace).sort((a, b) => a.t - b.t);
    return { label: spec.label, presetId: spec.presetId, trace, histories: runs.map((r) => r.w.historyLog), lost: mergeLost(runs.map((r) => lostWrites(r))) };
  }
  const tm = completeRun(spec, injected, onprogress);
  return { label: spec.label, presetId: spec.presetId, trace: tm.sim.w.trace, histories: [tm.sim.w.historyLog], lost: lostWrites(tm.sim) };
}

/** Simulated µs per step, or null where the step sets no pause or its condition never happens. */
export function lessonPauses(
  steps: readonly PauseStep[],
  panes: readonly { spec: RunSpec; injected: readonly InjectedFault[] }[],
  onprogress?: (done: number, total: number) => void,
): Array<number | null> {
  // Steps with only `at` (or nothing) need no run at all.
  const needsRuns = steps.some((s) => s.at === undefined && s.until !== undefined);
  const records = needsRuns ? panes.map((p, i) => completeRecord(p.spec, p.injected, (d, end) => onprogress?.(i * end + d, panes.length * end))) : [];
  return steps.map((s) => pauseTime(s, records));
}
