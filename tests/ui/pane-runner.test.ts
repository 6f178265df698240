// The worker's per-pane logic, without a worker: playback, scrubbing back, and forking on a late fault.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { PaneRunner } from '../../src/ui/worker/pane-runner';

const file = 'scenarios/primary-crash.yaml';
const specs = resolveRuns(parseScenario(readFileSync(file, 'utf8'), file)).map((s) => ({ ...s, durationS: 30 }));
const BUCKET = 250_000;

describe('PaneRunner', () => {
  it('fails over after a crash injected by hand, in both families, and the cache loses writes', () => {
    for (const spec of specs) {
      const r = new PaneRunner(spec, 0, BUCKET);
      r.moveTo(5e6);
      expect(r.view().primary).toBe('a1');
      r.inject(5e6, { kind: 'crash', node: 'primary' });
      r.moveTo(19e6);
      expect(r.view().primary).not.toBe('a1');
      expect(r.markers().some((m) => m.kind === 'failover')).toBe(true);
      const s = r.summary();
      if (spec.params.family === 'durable') expect(s.lostCount).toBe(0);
      else expect(s.lostCount).toBeGreaterThan(0);
      expect(r.markers().some((m) => m.kind === 'lost')).toBe(spec.params.family === 'cache');
    }
  });

  it('shows the earlier state after scrubbing back, and counts nothing twice on replay', () => {
    const r = new PaneRunner(specs[0], 0, BUCKET);
    r.moveTo(10e6);
    const acked = r.series().acked.reduce((a, b) => a + b, 0);
    const log = r.observer.log.length;
    r.moveTo(3e6);
    expect(r.now).toBe(3e6);
    expect(r.view().tUs).toBe(3e6);
    r.moveTo(10e6);
    expect(r.series().acked.reduce((a, b) => a + b, 0)).toBe(acked);
    expect(r.observer.log.length).toBe(log);
    expect(r.series().lagMs.slice(0, 39).every(Number.isFinite)).toBe(true);
  });

  it('forgets the old future when a fault is injected in the past', () => {
    const r = new PaneRunner(specs[0], 0, BUCKET);
    r.moveTo(25e6);
    expect(r.observer.markers.some((m) => m.kind === 'fault' && m.tUs === 20e6)).toBe(true);
    r.inject(2e6, { kind: 'crash', node: 'a1' });
    expect(r.observer.markers.every((m) => m.tUs <= 2e6)).toBe(true);
    expect(r.series().acked.slice(9).every((n) => n === 0)).toBe(true);
    r.moveTo(25e6);
    expect(r.observer.markers.filter((m) => m.kind === 'fault').map((m) => m.tUs)).toEqual([2e6, 20e6]);
  });

  it('charts count exactly the acknowledged writes of the history, also after a fault injected in the past', () => {
    for (const spec of specs) {
      const r = new PaneRunner(spec, 0, BUCKET);
      r.moveTo(12e6);
      r.inject(4e6, { kind: 'crash', node: 'primary' });
      r.moveTo(25e6);
      // Recounted from the history's rows as objects: an ok row whose operation was invoked as a write.
      const writes = new Set(r.tm.sim.w.historyLog.events().filter((e) => e.type === 'invoke' && e.cmd !== 'GET').map((e) => e.op));
      const okWrites = r.tm.sim.w.historyLog.events().filter((e) => e.type === 'ok' && writes.has(e.op)).length;
      expect(okWrites).toBeGreaterThan(0);
      expect(r.series().acked.reduce((a, b) => a + b, 0)).toBe(okWrites);
    }
  });

  it('after seeking back and forth, the view, summary and charts equal those of a straight run', () => {
    for (const spec of specs) {
      const straight = new PaneRunner(spec, 0, BUCKET);
      straight.moveTo(20e6);
      const view = straight.view();
      const summary = straight.summary();
      straight.moveTo(25e6);
      const series = straight.series();

      const r = new PaneRunner(spec, 0, BUCKET);
      r.moveTo(25e6);
      r.moveTo(3e6);
      r.moveTo(22e6);
      r.moveTo(11e6);
      r.moveTo(20e6);
      expect(r.view()).toEqual(view);
      expect(r.summary()).toEqual(summary);
      r.moveTo(25e6);
      expect(r.series()).toEqual(series);
      expect(r.markers()).toEqual(straight.markers());
    }
  });
});
