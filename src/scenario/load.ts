// Validated Scenario → one RunSpec per compared preset. Reading the text is format.ts's part.
import { isPresetId, mergeParams, PRESET_IDS, PRESETS } from '../sim/presets';
import type { RunSpec, ScheduledFault, Topology, Workload } from '../sim/types';
import { LIMITS } from './limits';
import { quote, ScenarioError } from './errors';
import type { ExpectBlock } from './expect-block';
import { normalizeEntry, type ScenarioPreset } from './preset-entry';

export type { ScenarioPreset } from './preset-entry';

/** A scenario after validation, with every default filled in; a file format's own blocks come on top (format.ts). */
export interface Scenario {
  /** File name without extension, or a slug of the title when the text did not come from a file. */
  id: string;
  title: string;
  description: string;
  seed: number;
  durationS: number;
  topology: Topology;
  presets: ScenarioPreset[];
  workload: Workload;
  faults: ScheduledFault[];
  /** Keyed by preset label or preset id, as written in the file; without a prototype, so read it with expectEntry. */
  expect: ExpectBlock;
}

export function scenarioId(sourceName: string, title: string): string {
  const file = /([^/\\]+)\.(ya?ml|json)$/i.exec(sourceName);
  if (file) return file[1];
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'scenario';
}

export interface ResolveOptions {
  /** Replaces the scenario's seed. */
  seed?: number;
  /** Preset labels or ids to run instead of all of the scenario's; see selectPresets. */
  presets?: string[];
}

export function resolveRuns(scenario: Scenario, opts: ResolveOptions = {}): RunSpec[] {
  const seed = opts.seed ?? scenario.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    throw new ScenarioError('seed option', [{ path: '', message: `found ${quote(seed)}; expected a whole number from 0 to ${2 ** 32 - 1}` }]);
  }
  const entries = opts.presets ? selectPresets(scenario, opts.presets) : scenario.presets;
  // Deep copies: the engine may keep and mutate its spec, and PRESETS must stay pristine.
  return entries.map((entry) =>
    structuredClone({
      presetId: entry.preset,
      label: entry.label,
      params: mergeParams(PRESETS[entry.preset].params, entry.overrides),
      topology: scenario.topology,
      workload: scenario.workload,
      faults: scenario.faults,
      durationS: scenario.durationS,
      seed,
    }),
  );
}

/**
 * Picks presets by name, in the order given. A name matches a scenario entry by label, then by preset id;
 * any other preset id adds that preset with its defaults, so a scenario can be tried on a preset it does
 * not list.
 */
export function selectPresets(scenario: Scenario, names: readonly string[]): ScenarioPreset[] {
  const picked: ScenarioPreset[] = [];
  const unknown: string[] = [];
  for (const name of names.map((n) => n.trim()).filter((n) => n !== '')) {
    const byLabel = scenario.presets.filter((p) => p.label === name);
    const matches = byLabel.length > 0 ? byLabel : scenario.presets.filter((p) => p.preset === name);
    if (matches.length === 0 && isPresetId(name)) matches.push(normalizeEntry(name));
    if (matches.length === 0) unknown.push(name);
    for (const m of matches) if (!picked.some((p) => p.label === m.label)) picked.push(m);
  }
  if (unknown.length > 0 || picked.length === 0) {
    const custom = scenario.presets.filter((p) => p.label !== PRESETS[p.preset].label).map((p) => JSON.stringify(p.label));
    const valid = [...PRESET_IDS, ...custom].join(', ');
    const issues = unknown.length > 0 ? unknown : [''];
    throw new ScenarioError(
      'preset selection',
      issues.map((name) => ({ path: '', message: `found ${quote(name)}; expected one of ${valid}` })),
    );
  }
  // The same limit as a file's presets list: each pane is a whole run, and the page lays out at most four.
  if (picked.length > LIMITS.maxPresets) {
    const shown = picked.map((p) => JSON.stringify(p.label)).join(', ');
    throw new ScenarioError('preset selection', [
      { path: '', message: `found ${picked.length} presets (${shown}); expected at most ${LIMITS.maxPresets}` },
    ]);
  }
  return picked;
}
