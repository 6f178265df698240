// Events the lab reports to whoever hosts it: the app ignores them, an embed turns them into DOM events
// and postMessage calls (src/embed). Plain data only, so they can cross to another window.

export type LabEvent =
  | { type: 'ready'; scenario: string; presets: string[] }
  /** A pane's count of lost acknowledged writes went up. */
  | { type: 'write-lost'; preset: string; label: string; lost: number; tMs: number }
  | { type: 'lesson-step'; lesson: string; step: number; steps: number; caption: string }
  /** The simulation could not run what it was given (a scenario file refused when loaded): the message shown. */
  | { type: 'error'; message: string };

export type LabEventHandler = (event: LabEvent) => void;

/**
 * The write-lost events due when summaries move from `before` to `after` (lost counts per pane). Seeking
 * back lowers a count without an event; the next rise reports again.
 */
export function lostEvents(
  panes: readonly { presetId: string; label: string }[],
  before: readonly (number | undefined)[],
  after: readonly (number | undefined)[],
  tMs: number,
): LabEvent[] {
  const out: LabEvent[] = [];
  panes.forEach((p, i) => {
    const now = after[i];
    if (now !== undefined && now > (before[i] ?? 0)) out.push({ type: 'write-lost', preset: p.presetId, label: p.label, lost: now, tMs });
  });
  return out;
}
