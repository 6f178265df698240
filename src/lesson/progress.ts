// Lesson progress as the browser keeps it (localStorage). Stored text can be stale or edited by hand, so
// reading it validates and caps everything and falls back to "no progress" instead of failing.
import { z } from 'zod';

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
const index = z.number().int().min(0).max(999);

const LessonProgressSchema = z.object({
  step: index,
  answers: z.record(z.string().regex(/^\d{1,3}$/), index).refine((a) => Object.keys(a).length <= 1000),
  tasksPassed: z.array(index).max(1000),
  completed: z.boolean(),
});
const ProgressSchema = z.object({
  version: z.literal(1),
  lessons: z
    .record(z.string().min(1).max(200), LessonProgressSchema)
    .refine((l) => Object.keys(l).length <= MAX_LESSONS),
});

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
  const parsed = ProgressSchema.safeParse(raw);
  if (!parsed.success) return emptyProgress();
  // A null-prototype map, so a lesson id such as "__proto__" is only ever a key.
  const lessons: Record<string, LessonProgress> = Object.create(null);
  for (const [id, p] of Object.entries(parsed.data.lessons)) lessons[id] = p;
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
