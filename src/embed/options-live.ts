// What the loaded simulation checks the embed parameters against: the built-in scenarios and lessons as
// the first-load script knows them, with the scenario's text (fetched on its own: scenario-load.ts) and the
// lessons' (with the curriculum, which loads only when it is needed). options.ts is the same with the curriculum at hand (app, tests).
import { loadCurriculum } from '../lesson/curriculum-loader';
import { loadBuiltinScenario } from '../ui/scenario-load';
import type { EmbedOptions } from './params-core';

/** The first-load script's options (options-light.ts, which it hands over) with the files added. */
export function liveOptions(light: EmbedOptions): EmbedOptions {
  return {
    ...light,
    builtinText: async (id) => (await loadBuiltinScenario(id))?.text,
    lessonText: async (id) => (await loadCurriculum()).find((e) => e.id === id)?.text,
  };
}
