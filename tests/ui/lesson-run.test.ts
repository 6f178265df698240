// Lessons as the app runs them: the worker's pause times agree with the same conditions evaluated on
// independent complete runs and follow hand-injected faults, and every "try it" task fails as shipped
// and passes once the knob the form offers is changed, judged the way the page judges it (live summaries
// at the end of the run).
import { describe, expect, it } from 'vitest';
import { CURRICULUM } from '../../src/lesson/builtin';
import { pauseTime, type PaneRecord } from '../../src/lesson/conditions';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { runScenario } from '../../src/scenario/run-scenario';
import { checkTask } from '../../src/ui/lesson/goals';
import type { KnobValues } from '../../src/ui/lesson/knobs';
import { withCacheKnobs } from '../../src/ui/lesson/knobs-edit';
import { lessonPauses } from '../../src/ui/worker/lesson-pauses';
import { PaneRunner } from '../../src/ui/worker/pane-runner';

const lesson = (id: string) => CURRICULUM.find((e) => e.id === id)!;

describe('lesson pauses computed in the worker', () => {
  it('match the conditions on independent runs of the lesson (02: at, at, first lost write, failover)', () => {
    const entry = lesson('02-async-lag-window');
    const specs = resolveRuns(entry.scenario);
    const steps = entry.scenario.lesson.steps;
    const pauses = lessonPauses(steps, specs.map((spec) => ({ spec, injected: [] })));

    const outcome = runScenario(entry.scenario, { linearizability: false, keepResults: true });
    const records: PaneRecord[] = outcome.runs.map((r) => ({ label: r.spec.label, presetId: r.spec.presetId, trace: r.result!.trace, histories: r.result!.shards?.map((s) => s.historyLog) ?? [r.result!.historyLog], lost: r.result!.lost }));
    expect(pauses).toEqual(steps.map((s) => pauseTime(s, records)));
    expect(pauses.slice(0, 2)).toEqual([10e6, 19.5e6]);
    // The slow pane's first lost write was acknowledged shortly before the 20 s crash; failover comes later.
    const slow = outcome.runs[1].result!.lost;
    expect(pauses[2]).toBe(Math.min(...slow.slice().map((l) => Math.round(l.ackedAtMs * 1000))));
    expect(pauses[2]!).toBeLessThan(20e6);
    expect(pauses[3]!).toBeGreaterThan(20e6);
  });

  it('follow faults injected by hand: an earlier crash moves the fault pause', () => {
    const entry = lesson('01-acknowledged');
    const specs = resolveRuns(entry.scenario);
    const steps = [{ until: { event: 'fault' as const, kind: 'crash' as const } }];
    expect(lessonPauses(steps, specs.map((spec) => ({ spec, injected: [] })))).toEqual([20e6]);
    const injected = [{ t: 7e6, fault: { kind: 'crash' as const, node: 'primary' } }];
    expect(lessonPauses(steps, specs.map((spec) => ({ spec, injected })))).toEqual([7e6]);
  });

  it('need no run when no step waits for an event', () => {
    expect(lessonPauses([{ at: 3 }, {}], [])).toEqual([3e6, null]);
  });
});

/** Runs every pane to its end as the app's worker does and checks the task as the page does. */
function judge(text: string, sourceName: string, stepIndex: number) {
  const scenario = parseScenario(text, sourceName);
  const runners = resolveRuns(scenario).map((spec, i) => new PaneRunner(spec, i, 1e6));
  for (const r of runners) r.moveTo(r.tm.endUs);
  const task = scenario.lesson!.steps[stepIndex].task!;
  const endUs = runners[0].tm.endUs;
  return checkTask(
    task.goal,
    runners.map((r) => ({ label: r.spec.label, presetId: r.spec.presetId })),
    runners.map((r) => r.summary()),
    { tUs: runners[0].now, endUs },
  );
}

const TASKS: Array<{ id: string; pane: number; knobs: Partial<KnobValues> }> = [
  { id: '01-acknowledged', pane: 0, knobs: { waitReplicas: 1 } },
  { id: '02-async-lag-window', pane: 1, knobs: { replicationDelayMs: 0 } },
  { id: '03-wait-and-min-replicas', pane: 2, knobs: { replicationDelayMs: 0 } },
];

describe('try-it tasks in the app', () => {
  it('every lesson task is covered here', () => {
    const withTasks = CURRICULUM.filter((e) => e.scenario.lesson.steps.some((s) => s.task)).map((e) => e.id);
    expect(withTasks).toEqual(TASKS.map((t) => t.id));
  });

  for (const { id, pane, knobs } of TASKS) {
    it(`${id}: not passed as shipped, passed after changing the knobs the form offers`, () => {
      const entry = lesson(id);
      const stepIndex = entry.scenario.lesson.steps.findIndex((s) => s.task);
      const sourceName = `scenarios/lessons/${id}.yaml`;
      const before = judge(entry.text, sourceName, stepIndex);
      expect(before.state).toBe('checked');
      expect(before.state === 'checked' && before.passed).toBe(false);
      expect(before.state === 'checked' && before.failures.join('\n')).toMatch(/lostAcked: expected 0, got [1-9]/);
      const after = judge(withCacheKnobs(entry.text, pane, knobs), sourceName, stepIndex);
      expect(after).toEqual({ state: 'checked', passed: true, failures: [] });
    });
  }
});
