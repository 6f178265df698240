// The built-in curriculum, loaded on demand: building it parses every lesson file (the YAML library and the
// schema come with it), which a page only needs once it can show a lesson. The app loads it before it
// starts (with its entry: useCurriculum); an embed only when it opens a lesson or shows the full lab
// (src/embed/live.ts).
import type { CurriculumEntry } from './curriculum';

let loaded: readonly CurriculumEntry[] = [];
let pending: Promise<readonly CurriculumEntry[]> | null = null;

/** The curriculum, once loadCurriculum has finished; none before. */
export function loadedCurriculum(): readonly CurriculumEntry[] {
  return loaded;
}

/** A page that has the curriculum at hand already (the app bundles it with its entry). */
export function useCurriculum(entries: readonly CurriculumEntry[]): void {
  loaded = entries;
  pending = Promise.resolve(entries);
}

export function loadCurriculum(): Promise<readonly CurriculumEntry[]> {
  pending ??= import('./builtin').then((m) => (loaded = m.CURRICULUM));
  return pending;
}

export function totalMinutes(entries: readonly CurriculumEntry[]): number {
  return entries.reduce((sum, e) => sum + e.minutes, 0);
}
