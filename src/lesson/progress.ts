// Lesson progress as the browser keeps it (localStorage). Stored text can be stale or edited by hand, so
// reading it validates and caps everything and falls back to "no progress" instead of failing.

export interface LessonProgress {
  step: number;
  /** Predict choices by step index (keys are decimal strings in JSON). */
  answers: Record<string, number>;
  tasksPassed: number[];
  completed: boolean;
}

export interface Progress {
  version: 1;
  /** Keyed by lesson (scenario) id. */
  lessons: Record<string, LessonProgress>;
}

/** The localStorage key the UI should use. */
export const PROGRESS_STORAGE_KEY = 'durability-lab:lesson-progress';
const MAX_STORED_CHARS = 64 * 1024;
const MAX_LESSONS = 200;
// Checked by hand rather than with the schema library: every lab page reads progress at start, and this
// is all it needs of it.
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 999;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One lesson's stored progress with only the known fields, or null when any is missing or out of range. */
function lessonProgress(raw: unknown): LessonProgress | null {
  if (!isObject(raw) || !isIndex(raw.step) || typeof raw.completed !== 'boolean') return null;
  const { answers, tasksPassed } = raw;
  if (!isObject(answers) || !Array.isArray(tasksPassed) || tasksPassed.length > 1000 || !tasksPassed.every(isIndex)) return null;
  const keys = Object.keys(answers);
  if (keys.length > 1000 || !keys.every((k) => /^\d{1,3}$/.test(k) && isIndex(answers[k]))) return null;
  const kept: Record<string, number> = {};
  for (const k of keys) kept[k] = answers[k] as number;
  return { step: raw.step, answers: kept, tasksPassed: [...tasksPassed], completed: raw.completed };
}

export function emptyProgress(): Progress {
  return { version: 1, lessons: {} };
}

export function serializeProgress(progress: Progress): string {
  return JSON.stringify(progress);
}

export function parseProgress(text: string | null | undefined): Progress {
  if (!text || text.length > MAX_STORED_CHARS) return emptyProgress();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return emptyProgress();
  }
  if (!isObject(raw) || raw.version !== 1 || !isObject(raw.lessons)) return emptyProgress();
  const ids = Object.keys(raw.lessons);
  if (ids.length > MAX_LESSONS) return emptyProgress();
  // A null-prototype map, so a lesson id such as "__proto__" is only ever a key.
  const lessons: Record<string, LessonProgress> = Object.create(null);
  for (const id of ids) {
    const p = id.length >= 1 && id.length <= 200 ? lessonProgress(raw.lessons[id]) : null;
    if (!p) return emptyProgress();
    lessons[id] = p;
  }
  return { version: 1, lessons };
}

export function withLesson(progress: Progress, id: string, lesson: LessonProgress): Progress {
  const lessons: Record<string, LessonProgress> = Object.create(null);
  for (const [k, v] of Object.entries(progress.lessons)) lessons[k] = v;
  lessons[id] = lesson;
  return { version: 1, lessons };
}

/** For a curriculum list: how far each lesson got. */
export function lessonStatus(progress: Progress, id: string): 'new' | 'started' | 'completed' {
  const p = Object.prototype.hasOwnProperty.call(progress.lessons, id) ? progress.lessons[id] : undefined;
  if (!p) return 'new';
  return p.completed ? 'completed' : 'started';
}
