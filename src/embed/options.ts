// What the embed parameters are checked against: the built-in scenarios and the lessons of the curriculum.
import { CURRICULUM } from '../lesson/builtin';
import { SCENARIOS } from '../ui/scenarios';
import type { EmbedOptions } from './params';

export const EMBED_OPTIONS: EmbedOptions = {
  builtinIds: SCENARIOS.map((s) => s.id),
  lessons: CURRICULUM.map((e) => ({ id: e.id, steps: e.scenario.lesson.steps.length, text: e.text })),
  builtinText: (id) => SCENARIOS.find((s) => s.id === id)?.text,
};
