// A scenario file as every reader takes it (the app, share links, the command line, the JSON Schema for
// editors): the scenario's own fields with an optional `lesson:` block. src/scenario parses a scenario with
// whatever extra top-level blocks it is handed and imports nothing of src/lesson; this module hands it the
// lesson block, its schema and its cross-field rules, so the lesson package depends on the scenario
// package and never the other way round.
import { scenarioFormat } from '../scenario/format';
import type { Scenario } from '../scenario/load';
import { checkLesson } from './cross-check';
import { LessonSchema, type LessonData } from './schema';

export const SCENARIO_FILE = scenarioFormat({ lesson: { schema: LessonSchema, check: checkLesson } });

/** A scenario read from a file: `lesson` is present only when the file carries a guided lesson. */
export type ScenarioFile = Scenario & { lesson?: LessonData };

export function parseScenario(text: string, sourceName: string): ScenarioFile {
  return SCENARIO_FILE.parse(text, sourceName);
}
