// The ordered list of lessons, built from scenario files that carry a `lesson` block. Pure: the caller
// supplies the texts (Vite's glob in the app, the file system in tests).
import type { Scenario } from '../scenario/load';
import { parseScenario } from './file';
import type { LessonData } from './schema';

export interface CurriculumEntry {
  id: string;
  title: string;
  order: number;
  minutes: number;
  summary: string;
  scenario: Scenario & { lesson: LessonData };
  /** The file's text, for sharing and export. */
  text: string;
}

/** `files` maps a path or name ending in .yaml to its text. Files without a lesson are skipped. */
export function buildCurriculum(files: Readonly<Record<string, string>>): CurriculumEntry[] {
  const entries: CurriculumEntry[] = [];
  for (const [path, text] of Object.entries(files)) {
    const scenario = parseScenario(text, path);
    if (!scenario.lesson) continue;
    const lesson = scenario.lesson;
    entries.push({
      id: scenario.id,
      title: scenario.title,
      order: lesson.order ?? Number.MAX_SAFE_INTEGER,
      minutes: lesson.minutes,
      summary: lesson.summary,
      scenario: scenario as Scenario & { lesson: LessonData },
      text,
    });
  }
  return entries.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

// totalMinutes is in curriculum-loader.ts, which pages import without the parser.
export { totalMinutes } from './curriculum-loader';
