// Log appends in motion in the MemoryDB pane: the view lists each entry on its way to the AZ copies with
// every copy's acknowledgement time, the picture places them by progress at t, and at high rates or with
// reduced motion it draws a bounded number of still, counted flows instead.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/engine';
import { viewOf, type PaneView } from '../../src/sim/view';
import { copyAnchor, MAX_DOTS, messageShapes, motionCounts, motionText, nodePositions, Y } from '../../src/ui/panes/layout';
import { specFor } from '../sim/spec';

/** First instant (on a fine grid from `fromUs`) where the view satisfies `want`. */
function firstView(sim: Simulation, fromUs: number, want: (v: PaneView) => boolean): PaneView {
  for (let t = fromUs; t < fromUs + 2e6; t += 97) {
    sim.runUntil(t);
    const v = viewOf(sim);
    if (want(v)) return v;
  }
  throw new Error('no such instant within 2 s');
}

describe('log appends in the view', () => {
  it('lists entries in motion with per-copy acknowledgement times consistent with the commit', () => {
    const sim = new Simulation(specFor('memorydb', { workload: { writesPerSec: 400, readsPerSec: 0 } }));
    let checked = 0;
    let tight = 0;
    for (let t = 1e6; t < 3e6; t += 1_013) {
      sim.runUntil(t);
      const log = viewOf(sim).log;
      expect(log).not.toBeNull();
      if (!log) return;
      for (const a of log.appends) {
        const arrivals = a.copyUs.filter((x): x is number => x !== null).sort((x, y) => x - y);
        expect(arrivals.length).toBeGreaterThanOrEqual(log.quorum);
        // Arrivals are rounded down to 10 µs: the quorum-th is at or just before the commit.
        expect(arrivals[log.quorum - 1]).toBeLessThanOrEqual(a.commitUs);
        if (a.commitUs - arrivals[log.quorum - 1] < 10) tight++;
        expect(a.sentUs).toBeLessThanOrEqual(t);
        expect(a.commitUs > t || arrivals.some((x) => x > t)).toBe(true);
        for (const x of arrivals) expect(x).toBeGreaterThan(a.sentUs);
        checked++;
      }
      expect(log.appending).toBeGreaterThanOrEqual(log.appends.length);
      expect(log.inbound.reduce((s, x) => s + x, 0)).toBeGreaterThanOrEqual(log.appends.length > 0 ? 1 : 0);
    }
    expect(checked).toBeGreaterThan(50);
    expect(tight).toBeGreaterThan(checked / 2);
  });

  it('cache-style panes have no log and no appends', () => {
    const sim = new Simulation(specFor('elasticache'));
    sim.runUntil(1e6);
    expect(viewOf(sim).log).toBeNull();
  });
});

describe('log appends in the picture', () => {
  it('moves each append from the primary to its copy as t advances, and draws replies only once the commit lets them leave', () => {
    const sim = new Simulation(specFor('memorydb', { workload: { writesPerSec: 200, readsPerSec: 0 } }));
    const v = firstView(sim, 1e6, (x) => (x.log?.appends.some((a) => a.kind === 'write' && a.copyUs.every((c) => c !== null && c > x.tUs + 200)) ?? false));
    const a = v.log!.appends.find((x) => x.kind === 'write' && x.copyUs.every((c) => c !== null && c > v.tUs + 200))!;
    const key = `append-${a.index}-a`;
    const early = messageShapes(v, v.tUs, true).dots.find((d) => d.key === key);
    const later = messageShapes(v, v.tUs + 100, true).dots.find((d) => d.key === key);
    expect(early?.kind).toBe('append');
    expect(early?.write).toBe(true);
    expect(later).toBeDefined();
    // Downwards, from the nodes' row to the log copies' row.
    const from = nodePositions(v).get(a.from)!;
    expect(early!.y).toBeGreaterThanOrEqual(from.y);
    expect(later!.y).toBeGreaterThan(early!.y);
    expect(later!.y).toBeLessThan(copyAnchor('a').y);
    // Once the copy has acknowledged it, the leg is gone.
    expect(messageShapes(v, a.copyUs[0]!, true).dots.find((d) => d.key === key)).toBeUndefined();
    // The write's reply waits at the primary for the commit: it is not drawn before then.
    const reply = v.messages.find((m) => m.kind === 'reply' && m.id === a.opId);
    expect(reply?.sentUs).toBe(a.commitUs);
    expect(messageShapes(v, v.tUs, true).dots.some((d) => d.key.startsWith(`reply-${a.opId}-`))).toBe(false);
    expect(Y.log).toBeGreaterThan(Y.nodes);
  });

  it('is a pure function of (view, t)', () => {
    const sim = new Simulation(specFor('memorydb'));
    sim.runUntil(2_345_678);
    const v = viewOf(sim);
    const before = JSON.stringify(v);
    expect(messageShapes(v, v.tUs, true)).toEqual(messageShapes(v, v.tUs, true));
    expect(motionText(v, v.tUs)).toBe(motionText(v, v.tUs));
    expect(JSON.stringify(v)).toBe(before);
  });

  it('with reduced motion draws still, counted flows that carry the same numbers, and says them in words', () => {
    const sim = new Simulation(specFor('memorydb', { workload: { writesPerSec: 200, readsPerSec: 0 } }));
    const v = firstView(sim, 1e6, (x) => (x.log?.appending ?? 0) > 0);
    const moving = messageShapes(v, v.tUs, true);
    const still = messageShapes(v, v.tUs, false);
    expect(moving.dots.filter((d) => d.kind === 'append').length).toBeGreaterThan(0);
    expect(still.dots).toHaveLength(0);
    const appendFlows = still.flows.filter((f) => f.kind === 'append');
    expect(appendFlows.reduce((s, f) => s + f.count, 0)).toBe(v.log!.inbound.reduce((s, x) => s + x, 0));
    expect(appendFlows.reduce((s, f) => s + f.count, 0)).toBe(moving.dots.filter((d) => d.kind === 'append').length);
    const c = motionCounts(v, v.tUs);
    expect(c.appends).toBe(v.log!.appending);
    expect(motionText(v, v.tUs)).toContain(`${c.appends} log append`);
    expect(motionText(v, v.tUs)).toMatch(/awaiting 2 of 3 copies/);
  });

  it('at high rates keeps the picture to a bounded number of SVG elements', () => {
    const sim = new Simulation(specFor('memorydb', { workload: { writesPerSec: 40_000, readsPerSec: 40_000 }, durationS: 2 }));
    sim.runUntil(1_500_000);
    const v = viewOf(sim);
    expect(v.inFlight.requests + v.inFlight.replies + (v.log?.appending ?? 0)).toBeGreaterThan(MAX_DOTS);
    const shapes = messageShapes(v, v.tUs, true);
    expect(shapes.dots).toHaveLength(0);
    // Each flow is a line and a label.
    expect(shapes.flows.length * 2).toBeLessThanOrEqual(200);
    expect(shapes.flows.filter((f) => f.kind === 'append').reduce((s, f) => s + f.count, 0)).toBe(v.log!.inbound.reduce((s, x) => s + x, 0));
    expect(v.log!.appends.length).toBeLessThanOrEqual(64);
  });
});
