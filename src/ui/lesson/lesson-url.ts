// `?lesson=<id>` opens a lesson directly. The id comes from a URL anyone can write, so it is matched
// exactly against the curriculum and an unknown one gets a message naming it and the ids that exist.
import type { CurriculumEntry } from '../../lesson/curriculum';

export const LESSON_PARAM = 'lesson';

export type LessonLookup = { entry: CurriculumEntry } | { error: string } | null;

/** null when the URL names no lesson. */
export function lessonFromSearch(search: string, curriculum: readonly CurriculumEntry[]): LessonLookup {
  let id: string | null;
  try {
    id = new URLSearchParams(search).get(LESSON_PARAM);
  } catch {
    return null;
  }
  if (id === null) return null;
  return findLesson(id, curriculum);
}

export function findLesson(id: string, curriculum: readonly CurriculumEntry[]): LessonLookup {
  const entry = curriculum.find((e) => e.id === id);
  if (entry) return { entry };
  const shown = id.length > 60 ? `${id.slice(0, 60)}…` : id;
  return {
    error: `The address asks for lesson "${shown}" (the "${LESSON_PARAM}" parameter), but there is no such lesson. Lessons: ${curriculum.map((e) => e.id).join(', ')}.`,
  };
}
