// What the "Over time" charts draw: the worst lag among replicas that serve (a node restoring, loading,
// syncing or down has no lag worth charting, and its huge number flattened the milliseconds that matter),
// and every series only over buckets that have ended by the clock, so the chart at t is a function of t
// (not of how far the run was computed ahead) and the bucket in progress does not read as a fall to 0.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { bucketsEndedBy, wholeBuckets } from '../../src/ui/charts/series';
import { PaneRunner, worstLagMs } from '../../src/ui/worker/pane-runner';
import type { NodeView, PaneView } from '../../src/sim/view';

const BUCKET = 250_000;

function specsOf(file: string) {
  return resolveRuns(parseScenario(readFileSync(file, 'utf8'), file));
}

const node = (id: string, role: 'primary' | 'replica', state: string, lagMs: number) => ({ id, role, state, lagMs }) as NodeView;
const viewOf = (...nodes: NodeView[]) => ({ nodes }) as PaneView;

describe('worst replica lag', () => {
  it('counts only replicas that serve, in either design', () => {
    const primary = node('a1', 'primary', 'serving', 0);
    expect(worstLagMs(viewOf(primary, node('b1', 'replica', 'serving', 21), node('c1', 'replica', 'loading', 9000)))).toBe(21);
    expect(worstLagMs(viewOf(primary, node('b1', 'replica', 'syncing', 4000), node('c1', 'replica', 'serving', 19)))).toBe(19);
    expect(worstLagMs(viewOf(node('b1', 'primary', 'primary', 0), node('a1', 'replica', 'restoring', 20_000), node('c1', 'replica', 'caughtUp', 2)))).toBe(2);
    expect(worstLagMs(viewOf(node('b1', 'primary', 'primary', 0), node('a1', 'replica', 'lagging', 300), node('c1', 'replica', 'campaigning', 3)))).toBe(3);
  });

  it('is no number at all when no replica serves, rather than a lag of 0', () => {
    expect(worstLagMs(viewOf(node('a1', 'primary', 'serving', 0), node('b1', 'replica', 'down', 0), node('c1', 'replica', 'off', 0)))).toBeNaN();
  });

  it('leaves out the rebooted MemoryDB node while it restores from the log (lesson 8)', () => {
    const spec = specsOf('scenarios/lessons/08-recovery.yaml').find((s) => s.presetId === 'memorydb')!;
    const r = new PaneRunner(spec, 0, BUCKET);
    r.moveTo(30e6);
    const lag = r.series().lagMs.filter(Number.isFinite);
    expect(lag.length).toBeGreaterThan(100);
    // The restoring node reads as ~20,000 ms behind; serving replicas trail by milliseconds.
    expect(Math.max(...lag)).toBeLessThan(100);
  });
});

describe('charts stop at the clock', () => {
  it('draw the buckets that have ended by t, and all of them at the end of the run', () => {
    expect(bucketsEndedBy(10.1e6, BUCKET, 240, 60e6)).toBe(40);
    expect(bucketsEndedBy(10e6, BUCKET, 240, 60e6)).toBe(40);
    expect(bucketsEndedBy(0, BUCKET, 240, 60e6)).toBe(0);
    // 3 s in buckets of 0.4 s: the last one is 0.2 s long and is whole at the end.
    expect(bucketsEndedBy(3e6, 400_000, 8, 3e6)).toBe(8);
    expect(bucketsEndedBy(2.9e6, 400_000, 8, 3e6)).toBe(7);
  });

  it('show the same acknowledged rate at 10.1 s whether the run stopped there or went on to 30 s first', () => {
    const spec = specsOf('scenarios/primary-crash.yaml')[0];
    const direct = new PaneRunner(spec, 0, BUCKET);
    direct.moveTo(10.1e6);
    const ahead = new PaneRunner(spec, 0, BUCKET);
    ahead.moveTo(30e6);
    ahead.moveTo(10.1e6);
    const done = bucketsEndedBy(10.1e6, BUCKET, direct.series().acked.length, direct.tm.endUs);
    const a = wholeBuckets(direct.series().acked, done);
    const b = wholeBuckets(ahead.series().acked, done);
    expect(b).toEqual(a);
    expect(a.slice(1, 40).every((v) => v > 100)).toBe(true); // about 1,000 writes/s, 250 per bucket
    expect(a.slice(40).every(Number.isNaN)).toBe(true);
    // The run computed ahead does hold later buckets: the cut is what keeps them off the chart.
    expect(ahead.series().acked[60]).toBeGreaterThan(0);
  });

  it('wholeBuckets keeps the first n values and blanks the rest', () => {
    expect(wholeBuckets([1, 2, 3, 4], 2)).toEqual([1, 2, NaN, NaN]);
    expect(wholeBuckets([1, 2], 5)).toEqual([1, 2]);
  });
});
