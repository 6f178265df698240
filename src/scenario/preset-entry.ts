import { PRESETS } from '../sim/presets';
import type { ParamOverrides, PresetId } from '../sim/types';
import type { PresetEntry } from './schema';

/** One column of the comparison: a preset, the heading it is shown under, and its changed knobs. */
export interface ScenarioPreset {
  preset: PresetId;
  label: string;
  overrides: ParamOverrides;
}

export function normalizeEntry(entry: PresetEntry): ScenarioPreset {
  if (typeof entry === 'string') return { preset: entry, label: PRESETS[entry].label, overrides: {} };
  return { preset: entry.preset, label: entry.label ?? PRESETS[entry.preset].label, overrides: entry.overrides ?? {} };
}
