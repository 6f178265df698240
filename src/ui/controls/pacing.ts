// Pacing: playback that slows to the chosen speed near the moments that matter (faults, failovers, lost
// writes) and passes quickly through the stretches between them, where nothing changes (a detection
// timeout). Pure functions of the clock and the moments known, so the page and the tests agree on them.
// With reduced motion the quiet stretches are jumped over instead of sped through.

export const PACE = {
  /** A moment's slow window starts this long before it (simulated µs)… */
  beforeUs: 300_000,
  /** …and ends this long after it: long enough to watch a failover settle. */
  afterUs: 1_500_000,
  /** How much faster than the chosen speed a quiet stretch plays. */
  fast: 10,
  /** A lesson step should reach its pause within this much wall time at 1× (ms). */
  stepWallMs: 4_800,
} as const;

/** Where t stands: inside a slow window (which moment), or in a quiet stretch (until when). */
export interface PaceState {
  /** The moment whose window holds t, or null in a quiet stretch. */
  near: number | null;
  /** Where the current window or stretch ends (simulated µs); Infinity when no moment lies ahead. */
  untilUs: number;
}

/** moments: sorted, simulated µs. */
export function paceAt(tUs: number, moments: readonly number[]): PaceState {
  let next = Infinity;
  for (const m of moments) {
    const start = m - PACE.beforeUs;
    const end = m + PACE.afterUs;
    if (tUs >= start && tUs < end) {
      // Windows that overlap make one slow stretch: it ends where the last overlapping one does.
      let until = end;
      for (const n of moments) if (n > m && n - PACE.beforeUs <= until) until = Math.max(until, n + PACE.afterUs);
      return { near: m, untilUs: until };
    }
    if (start > tUs) {
      next = start;
      break;
    }
  }
  return { near: null, untilUs: next };
}

/**
 * The clock after `wallMs` of playing from t at `speed`, paced, never past `limitUs`. `scale` speeds up the
 * whole stretch (slow windows too) when a lesson step would otherwise take too long; with `jump` (reduced
 * motion) a quiet stretch is crossed at once. A step never crosses into the next window or stretch, so a
 * window's start is never skipped at high speed.
 */
export function pacedStep(tUs: number, wallMs: number, speed: number, moments: readonly number[], limitUs: number, scale = 1, jump = false): number {
  const state = paceAt(tUs, moments);
  if (state.near === null && jump) return Math.min(limitUs, state.untilUs);
  const rate = speed * scale * (state.near === null ? PACE.fast : 1);
  return Math.min(limitUs, state.untilUs, tUs + rate * wallMs * 1000);
}

/** Wall time (ms) that playing from fromUs to toUs takes at `speed`, paced, without scaling. */
export function pacedWallMs(fromUs: number, toUs: number, speed: number, moments: readonly number[]): number {
  let t = fromUs;
  let wall = 0;
  while (t < toUs) {
    const state = paceAt(t, moments);
    const end = Math.min(toUs, state.untilUs);
    const rate = speed * (state.near === null ? PACE.fast : 1);
    wall += (end - t) / 1000 / rate;
    t = end;
  }
  return wall;
}

/** The scale that brings a stretch within a lesson step's wall time (1 when it fits already). */
export function scaleFor(fromUs: number, toUs: number, speed: number, moments: readonly number[]): number {
  return Math.max(1, pacedWallMs(fromUs, toUs, speed, moments) / PACE.stepWallMs);
}

/** What the page says about the clock while pacing plays. */
export function paceNote(state: PaceState, scale: number): string {
  const s = (t: number) => `${(t / 1e6).toFixed(1)} s`;
  const faster = scale > 1.05 ? ` (this step at ${scale.toFixed(1)}× to reach its pause in about 5 s)` : '';
  if (state.near !== null) return `Slowed down near the event at ${s(state.near)}${faster}`;
  if (state.untilUs === Infinity) return `Sped up ${PACE.fast}×: nothing known to happen ahead${faster}`;
  return `Sped up ${PACE.fast}× until ${s(state.untilUs)}: nothing changes until then${faster}`;
}
