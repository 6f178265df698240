// Pacing, as the page plays a lesson step: frames of 16 ms at 1×, pacedStep() with the step's scale once
// its stretch is known (session.svelte.ts), over the moments (faults, failovers) of the lesson's complete
// runs. Every step of every lesson reaches its pause within 5 s of wall time, every fault and failover on
// the way is played through its slow window (never jumped over), and reduced motion jumps the quiet parts.
import { describe, expect, it } from 'vitest';
import { CURRICULUM } from '../../src/lesson/builtin';
import { resolveRuns } from '../../src/scenario/load';
import { PACE, paceAt, paceNote, pacedStep, pacedWallMs, scaleFor } from '../../src/ui/controls/pacing';
import { lessonPauses } from '../../src/ui/worker/lesson-pauses';
import { PaneRunner } from '../../src/ui/worker/pane-runner';
import { moveAll } from '../../src/ui/worker/move';

const FRAME_MS = 16;

function momentsOf(entry: (typeof CURRICULUM)[number]): number[] {
  const panes = resolveRuns(entry.scenario).map((s, i) => new PaneRunner(s, i, 250_000));
  moveAll(panes, panes[0].tm.endUs, () => {});
  const all = new Set<number>(entry.scenario.faults.map((f) => Math.round(f.atS * 1e6)));
  for (const p of panes) for (const m of p.observer.markers) all.add(m.tUs);
  return [...all].sort((a, b) => a - b);
}

/** Frames the page plays from `from` to `to`, and the instants it shows. */
function play(from: number, to: number, moments: number[], jump = false): number[] {
  const scale = scaleFor(from, to, 1, moments);
  const shown = [from];
  let t = from;
  while (t < to) {
    t = pacedStep(t, FRAME_MS, 1, moments, to, scale, jump);
    shown.push(t);
    if (shown.length > 100_000) throw new Error('playback does not reach the pause');
  }
  return shown;
}

describe('pacing plays every lesson step', () => {
  const steps: Array<{ lesson: string; from: number; to: number; frames: number; jumped: number; unpacedMs: number }> = [];
  for (const entry of CURRICULUM) {
    const specs = resolveRuns(entry.scenario);
    const pauses = lessonPauses(entry.scenario.lesson.steps, specs.map((spec) => ({ spec, injected: [] })));
    const moments = momentsOf(entry);
    let from = 0;
    for (const p of pauses) {
      if (p === null || p <= from) continue;
      const shown = play(from, p, moments);
      const jumped = play(from, p, moments, true).length;
      steps.push({ lesson: entry.id, from, to: p, frames: shown.length - 1, jumped, unpacedMs: (p - from) / 1000 });
      // No fault or failover on the way is crossed without a frame inside its slow window.
      for (const m of moments.filter((m) => m > from && m < p)) {
        expect(shown.some((t) => t >= m - PACE.beforeUs && t <= m + PACE.afterUs), `${entry.id}: ${m} µs`).toBe(true);
      }
      from = p;
    }
  }

  it('within 5 s of wall time each, where playing at 1× took up to tens of seconds', () => {
    expect(steps.length).toBeGreaterThan(20);
    for (const s of steps) expect(s.frames * FRAME_MS, `${s.lesson} ${s.from}–${s.to}`).toBeLessThanOrEqual(5_000);
    expect(Math.max(...steps.map((s) => s.unpacedMs))).toBeGreaterThan(6_000);
  });

  it('with reduced motion in fewer frames: quiet stretches are jumped', () => {
    for (const s of steps) expect(s.jumped).toBeLessThanOrEqual(s.frames + 1);
    expect(steps.some((s) => s.jumped < s.frames / 2)).toBe(true);
  });
});

describe('pacing', () => {
  const moments = [20e6, 30e6];

  it('plays the chosen speed near a moment and 10× between moments', () => {
    expect(paceAt(19.8e6, moments)).toEqual({ near: 20e6, untilUs: 21.5e6 });
    expect(paceAt(10e6, moments)).toEqual({ near: null, untilUs: 19.7e6 });
    expect(paceAt(40e6, moments)).toEqual({ near: null, untilUs: Infinity });
    expect(pacedStep(10e6, 16, 1, moments, 60e6)).toBe(10e6 + 160_000);
    expect(pacedStep(20e6, 16, 1, moments, 60e6)).toBe(20e6 + 16_000);
    // A step stops at a window's start rather than crossing it.
    expect(pacedStep(19.6e6, 16, 1, moments, 60e6)).toBe(19.7e6);
    expect(pacedStep(10e6, 16, 1, moments, 60e6, 1, true)).toBe(19.7e6);
  });

  it('joins windows that overlap into one slow stretch', () => {
    expect(paceAt(20.5e6, [20e6, 21e6]).untilUs).toBe(22.5e6);
  });

  it('says what it does to the clock', () => {
    expect(paceNote(paceAt(10e6, moments), 1)).toBe('Sped up 10× until 19.7 s: nothing changes until then');
    expect(paceNote(paceAt(20.2e6, moments), 1)).toBe('Slowed down near the event at 20.0 s');
    expect(paceNote(paceAt(20.2e6, moments), 2)).toContain('this step at 2.0×');
  });

  it('takes the wall time its windows and stretches add up to', () => {
    // 0–19.7 s at 10×, 19.7–21.5 s at 1×, 21.5–25 s at 10×.
    expect(pacedWallMs(0, 25e6, 1, [20e6])).toBeCloseTo(1970 + 1800 + 350, 6);
  });
});
