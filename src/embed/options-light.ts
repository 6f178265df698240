// What the first-load script checks the embed parameters against: the built-in scenarios and lessons as
// the build found them (virtual:durability-lab-preview), without their files. options.ts is the same for
// the loaded simulation, with the files.
import manifest from 'virtual:durability-lab-preview';
import type { EmbedOptions } from './params-core';

export const PREVIEW = manifest;

export const LIGHT_OPTIONS: EmbedOptions = {
  builtinIds: Object.keys(manifest.scenarios),
  presetIds: Object.keys(manifest.presets),
  lessons: Object.entries(manifest.lessons).map(([id, l]) => ({ id, steps: l.steps })),
};
