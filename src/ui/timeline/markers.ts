// Words and keyboard movement for the timeline's markers: each one is a button that seeks to its instant,
// named for screen readers as "failover in MemoryDB at 14.6 s".
import type { Marker, MarkerKind } from '../worker/protocol';

const KIND_WORD: Record<MarkerKind, string> = { fault: 'fault', failover: 'failover', lost: 'writes lost' };

/** Seconds with up to three decimals and no trailing zeros: 14.6, 20, 19.98. */
export function secondsText(tUs: number): string {
  return String(Number((tUs / 1e6).toFixed(3)));
}

export function markerName(m: Marker, labels: readonly string[]): string {
  return `${KIND_WORD[m.kind]} in ${labels[m.pane] ?? `pane ${m.pane + 1}`} at ${secondsText(m.tUs)} s`;
}

/** The marker that takes the timeline's one tab stop: the first at or after t, else the last one. */
export function tabStopAt(markers: readonly Marker[], tUs: number): number {
  if (markers.length === 0) return -1;
  const i = markers.findIndex((m) => m.tUs >= tUs);
  return i >= 0 ? i : markers.length - 1;
}

/** Where a key moves focus among the markers (in time order), or null for keys the markers leave alone. */
export function markerKeyTarget(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowRight' || key === 'ArrowDown') return Math.min(count - 1, index + 1);
  if (key === 'ArrowLeft' || key === 'ArrowUp') return Math.max(0, index - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}
