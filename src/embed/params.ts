// The embed parameters with every check, at once (params-core.ts has the first-load script's part, and
// params-resolve.ts what needs the scenario itself): each fault's own fields against the scenario file's
// fault schema. This module imports that schema; the app's Embed tab and the tests use it, the loaded
// simulation uses resolveEmbedParams, which loads the schema only when there are faults. README: "Embedding".
import { checkFault } from '../share/url';
import { PRESET_IDS } from '../sim/presets';
import { parseEmbedParams as parseChecked, type EmbedInput, type EmbedOptions, type EmbedParse } from './params-core';
import { resolveEmbedParams as resolveChecked } from './params-resolve';

export * from './params-core';

const complete = (opts: EmbedOptions): EmbedOptions => ({ checkFault, presetIds: PRESET_IDS, ...opts });

/** Checks every parameter, each fault included, and reports every problem at once. */
export function parseEmbedParams(input: EmbedInput, opts: EmbedOptions): EmbedParse {
  return parseChecked(input, complete(opts));
}

/** The same, then what needs the scenario itself (params-resolve.ts). */
export function resolveEmbedParams(input: EmbedInput, opts: EmbedOptions): Promise<EmbedParse> {
  return resolveChecked(input, complete(opts));
}

