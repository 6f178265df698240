// What the loaded simulation checks the embed parameters against: the built-in scenarios and lessons as
// the first-load script knows them, with the scenarios' texts (in the lab already) and the lessons' (with
// the curriculum, which loads only when it is needed). options.ts is the same with the curriculum at hand (app, tests).
import { loadCurriculum } from '../lesson/curriculum-loader';
import { SCENARIOS } from '../ui/scenarios';
import type { EmbedOptions } from './params-core';

/** The first-load script's options (options-light.ts, which it hands over) with the files added. */
export function liveOptions(light: EmbedOptions): EmbedOptions {
  return {
    ...light,
    builtinText: (id) => SCENARIOS.find((s) => s.id === id)?.text,
    lessonText: async (id) => (await loadCurriculum()).find((e) => e.id === id)?.text,
  };
}
