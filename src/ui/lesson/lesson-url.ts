// `?lesson=<id>` opens a lesson directly. The id comes from a URL anyone can write, so it is matched
// exactly against the curriculum and an unknown one gets a message naming it and the ids that exist.
import type { CurriculumEntry } from '../../lesson/curriculum';

export const LESSON_PARAM = 'lesson';

export type LessonLookup = { entry: CurriculumEntry } | { error: string } | null;

/** null when the URL names no lesson. */
export function lessonFromSearch(search: string, curriculum: readonly CurriculumEntry[]): LessonLookup {
  let ids: string[];
  try {
    ids = new URLSearchParams(search).getAll(LESSON_PARAM);
  } catch {
    return null;
  }
  if (ids.length === 0) return null;
  // Which of two lessons the author meant is a guess; say so rather than open the first.
  if (ids.length > 1) {
    const shown = ids.slice(0, 3).map((id) => `"${cut(id)}"`).join(', ') + (ids.length > 3 ? ', …' : '');
    return {
      error: `The address gives the "${LESSON_PARAM}" parameter ${ids.length} times (${shown}), but it takes one lesson id, so no lesson was opened. Lessons: ${curriculum.map((e) => e.id).join(', ')}.`,
    };
  }
  return findLesson(ids[0], curriculum);
}

export function findLesson(id: string, curriculum: readonly CurriculumEntry[]): LessonLookup {
  const entry = curriculum.find((e) => e.id === id);
  if (entry) return { entry };
  return {
    error: `The address asks for lesson "${cut(id)}" (the "${LESSON_PARAM}" parameter), but there is no such lesson. Lessons: ${curriculum.map((e) => e.id).join(', ')}.`,
  };
}

/** An id from the address, short enough to quote. */
function cut(id: string): string {
  return id.length > 60 ? `${id.slice(0, 60)}…` : id;
}
