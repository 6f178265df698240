// The outcome folds are counted as a run grows and go back to checkpoints when the history gets shorter
// (a seek back) or its future changes (a fault injected in the past). Whatever the path, the numbers at
// an instant must be those of a fresh count of the history as it stands then.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { Outcomes } from '../../src/check/outcomes';
import { HistoryLog } from '../../src/sim/history';
import { LostWrites } from '../../src/sim/lost-writes';
import { lostWrites } from '../../src/sim/lost';
import type { RunSpec } from '../../src/sim/types';
import { PaneRunner } from '../../src/ui/worker/pane-runner';
import type { LiveSummary } from '../../src/ui/worker/protocol';

function specsOf(name: string, durationS: number): RunSpec[] {
  const file = `scenarios/${name}.yaml`;
  return resolveRuns(parseScenario(readFileSync(file, 'utf8'), file)).map((s) => ({ ...s, durationS }));
}

/** A fresh count of the pane's history as it stands, with the model's lost writes now. */
function fresh(r: PaneRunner): Omit<LiveSummary, 'preset' | 'label' | 'family' | 'lostCount' | 'lostFirst'> {
  const sim = r.tm.sim;
  const lost = lostWrites(sim);
  const c = Outcomes.of(sim.w.historyLog.slice(sim.w.historyLog.length)).counts(lost, sim.w.now);
  return c;
}

/** Moves through the instants, comparing at each; returns the live summaries seen. */
function check(r: PaneRunner, instantsUs: number[]): LiveSummary[] {
  const seen: LiveSummary[] = [];
  for (const t of instantsUs) {
    r.moveTo(t);
    const live = r.summary();
    const { preset: _p, label: _l, family: _f, lostCount: _c, lostFirst: _x, ...counts } = live;
    expect(counts, `at ${t / 1e6} s`).toEqual(fresh(r));
    expect(live.lostCount).toBe(lostWrites(r.tm.sim).length);
    seen.push(live);
  }
  return seen;
}

const forward = Array.from({ length: 24 }, (_, i) => (i + 1) * 1.7e6);

describe('outcome folds across seeks and forks', () => {
  for (const name of ['primary-crash', 'az-isolation', 'replica-lag-reads', 'wait-az-outage']) {
    it(`equal a fresh count while playing ${name} forward, and after seeking back and forth`, () => {
      for (const spec of specsOf(name, 42)) {
        const r = new PaneRunner(spec, 0, 250_000);
        const seen = check(r, forward);
        // Back into the outage after the fault at 20 s, where requests are still pending at each instant.
        check(r, [12.3e6, 3e6, 30e6, 29.9e6, 7.77e6, 41e6, 41.5e6, 0.5e6, 20e6, 26e6, 21.3e6, 20.6e6, 23.9e6, 22.2e6, 20.9e6]);
        const last = seen[seen.length - 1];
        expect(last.writes).toBeGreaterThan(0);
        expect(last.writeLatencyMs.count).toBeGreaterThan(0);
      }
    });
  }

  it('see something to count: availability gaps, losses and stale reads show up somewhere', () => {
    const all = ['primary-crash', 'az-isolation', 'replica-lag-reads'].flatMap((n) =>
      specsOf(n, 42).map((spec) => {
        const r = new PaneRunner(spec, 0, 250_000);
        r.moveTo(41e6);
        return r.summary();
      }),
    );
    expect(all.some((s) => s.rtoMs > 0)).toBe(true);
    expect(all.some((s) => s.lostCount > 0 && s.rpoMs > 0)).toBe(true);
    expect(all.some((s) => s.staleReads > 0)).toBe(true);
    expect(all.some((s) => s.splitBrainMs > 0)).toBe(true);
  });

  it('equal a fresh count after a fault injected in the past, including on the new future', () => {
    for (const spec of specsOf('primary-crash', 40)) {
      const r = new PaneRunner(spec, 0, 250_000);
      check(r, [10e6, 25e6]);
      r.inject(6e6, { kind: 'crash', node: 'primary' });
      check(r, [6e6, 8e6, 14e6, 21.1e6, 5e6, 33e6, 39e6]);
      r.inject(35e6, { kind: 'crash', node: 'primary' });
      check(r, [36e6, 39.9e6]);
    }
  });
});

describe('outcome folds on a hand-made history', () => {
  // AZ a: a write succeeds, one fails (the outage opens), one is still pending when the history is cut,
  // one succeeds (the outage closes). Cut before the pending one hears back, the window closes at the
  // last write's invocation; a count that remembered the later reply would close it earlier.
  function history(): HistoryLog {
    const h = new HistoryLog(['a1', 'b1']);
    h.invoke(0, 0, 0, 'k', 0, 0);
    h.okWrite(1000, 0, 0, 1, 1, 1, null);
    h.invoke(2000, 1, 0, 'k', 0, 0);
    h.fail(3000, 1, 0, 0);
    h.invoke(4000, 2, 0, 'k', 0, 0);
    h.invoke(5000, 3, 0, 'k', 0, 0);
    h.okWrite(6000, 3, 0, 1, 2, 2, null);
    h.invoke(7000, 4, 2, 'k', 1, 1);
    h.okRead(8000, 4, 1, 1, null, 0, 1, 0, true);
    h.okWrite(90_000, 2, 0, 1, 3, 3, null);
    h.invoke(95_000, 5, 0, 'k', 0, 0);
    h.info(99_000, 5, 0, 0);
    return h;
  }

  it('equal a fresh count at every length, going back to checkpoints in any order', () => {
    const h = history();
    const full = h.length;
    const live = new Outcomes(h, 2);
    const endUs = 100_000;
    for (const n of [full, 7, full, 9, 3, full, 8, 1, 10, 0, full, 4]) {
      h.rewind(n);
      live.update();
      expect(live.counts(LostWrites.none, endUs), `at ${n} rows`).toEqual(Outcomes.of(h.slice(n)).counts(LostWrites.none, endUs));
    }
    h.rewind(9);
    live.update();
    expect(live.counts(LostWrites.none, endUs).rtoMs).toBe(3);
    expect(live.counts(LostWrites.none, endUs).staleReads).toBe(1);
  });
});
