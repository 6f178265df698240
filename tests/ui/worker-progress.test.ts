// Long requests in the worker report progress, and computing in slices for it changes nothing: moving
// panes in slices, or running a whole run in slices, reaches exactly the state of doing it at once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { simulateRun } from '../../src/sim/run';
import { progressLabel } from '../../src/ui/progress/label';
import { completeRun } from '../../src/ui/worker/complete-run';
import { moveAll } from '../../src/ui/worker/move';
import { PaneRunner } from '../../src/ui/worker/pane-runner';
import { ProgressReporter } from '../../src/ui/worker/progress';
import type { WorkerReply } from '../../src/ui/worker/protocol';

const file = 'scenarios/primary-crash.yaml';
const specs = resolveRuns(parseScenario(readFileSync(file, 'utf8'), file)).map((s) => ({ ...s, durationS: 8 }));
const BUCKET = 250_000;

describe('progress reports', () => {
  it('stay silent for a quick request, then come a few times a second with the request id and a clamped fraction', () => {
    let now = 0;
    const sent: WorkerReply[] = [];
    const p = new ProgressReporter((r) => sent.push(r), () => now);
    p.begin(7);
    for (now = 0; now < 250; now += 10) p.report(now, 1000);
    expect(sent).toEqual([]);
    for (; now <= 600; now += 10) p.report(now, 500);
    expect(sent.length).toBe(4); // at 250, 350, 450 and 550 ms
    expect(sent[0]).toEqual({ type: 'progress', id: 7, fraction: 0.5 });
    expect(sent.at(-1)).toEqual({ type: 'progress', id: 7, fraction: 1 });
    p.begin(8);
    p.report(1, 2);
    expect(sent.length).toBe(4); // a new request starts its own delay
  });

  it('name what is computed, and say when a previous run is being restored', () => {
    expect(progressLabel({ type: 'frame', id: 1, targetUs: 50e6, exact: true, budgetMs: Infinity, summary: false }, false)).toBe('Computing the run up to 50.0 s');
    expect(progressLabel({ type: 'inject', id: 1, tUs: 12.34e6, fault: { kind: 'crash', node: 'a1' } }, true)).toBe('Restoring the previous run: computing the run up to the fault at 12.3 s');
    expect(progressLabel({ type: 'pauses', id: 1, steps: [] }, false)).toMatch(/lesson/);
  });
});

describe('computing in slices', () => {
  it('moving panes in slices ends in the same state as one move, and reports up to the whole distance', () => {
    const direct = specs.map((s, i) => new PaneRunner(s, i, BUCKET));
    const sliced = specs.map((s, i) => new PaneRunner(s, i, BUCKET));
    for (const p of direct) p.moveTo(6e6);
    const reports: Array<[number, number]> = [];
    moveAll(sliced, 6e6, (done, total) => reports.push([done, total]));
    expect(sliced.map((p) => p.view())).toEqual(direct.map((p) => p.view()));
    expect(sliced.map((p) => p.observer.log)).toEqual(direct.map((p) => p.observer.log));
    expect(sliced.map((p) => p.series())).toEqual(direct.map((p) => p.series()));
    expect(reports.at(-1)).toEqual([12e6, 12e6]);
    expect(reports.every(([d], i) => i === 0 || d >= reports[i - 1][0])).toBe(true);

    // Back, then forward over what is computed: one jump, nothing to report, the same state again.
    for (const p of sliced) p.moveTo(1e6);
    reports.length = 0;
    moveAll(sliced, 6e6, (done, total) => reports.push([done, total]));
    expect(reports).toEqual([]);
    expect(sliced.map((p) => p.view())).toEqual(direct.map((p) => p.view()));
  });

  it('a whole run computed in slices has the trace of a straight run', () => {
    const seen: number[] = [];
    const tm = completeRun(specs[0], [], (doneUs) => seen.push(doneUs));
    expect(tm.sim.traceHash()).toBe(simulateRun(specs[0]).traceHash);
    expect(seen.at(-1)).toBe(8e6);
    expect(seen.length).toBeGreaterThan(10);
  });
});
