// A task's goals checked against what the panes show. The page holds live summaries (counts, not the full
// list of lost writes), so they are widened into the RunSummary shape the `expect` comparisons read.
// Goals are only judged over a whole run: before the end, a pane that will lose writes has lost none yet.
import { checkGoals, type GoalCheck } from '../../lesson/conditions';
import type { Goal } from '../../lesson/schema';
import type { RunSummary } from '../../sim/types';
import { LostWrites } from '../../sim/lost-writes';
import type { LiveSummary, PaneMeta } from '../worker/protocol';

export function asRunSummary(live: LiveSummary): RunSummary {
  const { lostCount, lostFirst, ...rest } = live;
  // Only the length of lostAcked is compared; the entries beyond the first few are not sent to the page.
  const lostAcked = LostWrites.of(lostFirst, lostCount);
  return {
    ...rest,
    lostAcked,
    staleReadSamples: [],
    linearizability: { status: 'too-large', keysChecked: 0, reason: 'the app does not search for linearizability violations' },
  };
}

export type TaskVerdict =
  | { state: 'not-ready'; reason: string }
  | ({ state: 'checked' } & GoalCheck);

export function checkTask(
  goal: Goal | readonly Goal[],
  panes: readonly Pick<PaneMeta, 'label' | 'presetId'>[],
  summaries: readonly (LiveSummary | undefined)[],
  at: { tUs: number; endUs: number },
): TaskVerdict {
  if (at.tUs < at.endUs) return { state: 'not-ready', reason: 'the run has not reached its end yet' };
  if (panes.length === 0 || panes.some((_, i) => summaries[i] === undefined)) return { state: 'not-ready', reason: 'the outcome is still being computed' };
  const result = checkGoals(
    goal,
    panes.map((p, i) => ({ label: p.label, presetId: p.presetId, summary: asRunSummary(summaries[i]!) })),
  );
  return { state: 'checked', ...result };
}

const SIGNS: Record<string, string> = { eq: '=', gt: '>', gte: '≥', lt: '<', lte: '≤' };

/** A goal in words: "ElastiCache 100 ms behind: lostAcked = 0". */
export function describeGoal(goal: Goal): string {
  const { preset, ...assertions } = goal;
  const parts = Object.entries(assertions)
    .filter(([, v]) => v !== undefined)
    .map(([metric, v]) => {
      if (typeof v === 'boolean') return `${metric} ${v ? 'holds' : 'is violated'}`;
      if (typeof v === 'number') return `${metric} = ${v}`;
      return `${metric} ${Object.entries(v as Record<string, number>)
        .map(([op, x]) => `${SIGNS[op] ?? op} ${x}`)
        .join(' and ')}`;
    });
  return `${preset}: ${parts.join(', ')}`;
}
