// Lesson progress in the browser's localStorage. Storage can be missing (private windows, embeds in a
// sandboxed frame), full, or hold anything a user or another page left under our key: reading never
// throws and falls back to "no progress" (parseProgress validates), writing failures are reported, not thrown.
import { emptyProgress, parseProgress, PROGRESS_STORAGE_KEY, serializeProgress, type Progress } from '../../lesson/progress';

/** The part of the Storage interface used here, so tests can pass a plain object. */
export type ProgressStore = Pick<Storage, 'getItem' | 'setItem'>;

export function browserStore(): ProgressStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // access itself throws when storage is blocked
  }
}

export function readProgress(store: ProgressStore | null): Progress {
  if (!store) return emptyProgress();
  try {
    return parseProgress(store.getItem(PROGRESS_STORAGE_KEY));
  } catch {
    return emptyProgress();
  }
}

/** True when the progress was stored; false when the browser refused (the lesson goes on regardless). */
export function writeProgress(store: ProgressStore | null, progress: Progress): boolean {
  if (!store) return false;
  try {
    store.setItem(PROGRESS_STORAGE_KEY, serializeProgress(progress));
    return true;
  } catch {
    return false;
  }
}
