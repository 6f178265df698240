// Scenario text → validated Scenario → one RunSpec per compared preset. Browser-safe: no file access.
import { isPresetId, mergeParams, PRESET_IDS, PRESETS } from '../sim/presets';
import type { FaultSpec, RunSpec, ScheduledFault, Topology, Workload } from '../sim/types';
import { crossCheck } from './cross-check';
import { LIMITS } from './limits';
import { dottedPath, quote, ScenarioError, type RawIssue, type ScenarioIssue } from './errors';
import { readExpectBlock, type ExpectBlock } from './expect-block';
import { locate } from './locate';
import { normalizeEntry, type ScenarioPreset } from './preset-entry';
import { ScenarioSchema, type LessonData, type ScenarioData } from './schema';
import { readYaml, type YamlSource } from './yaml-source';
import { describeExpected, fromZodIssues } from './zod-issues';

export type { ScenarioPreset } from './preset-entry';

/** A scenario after validation, with every default filled in. */
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
  /** Present only when the file carries a guided lesson. */
  lesson?: LessonData;
}

export function parseScenario(text: string, sourceName: string): Scenario {
  const source = readYaml(text, sourceName);
  const parsed = ScenarioSchema.safeParse(source.data, { error: describeExpected });
  const block = readExpectBlock(source.data, parsed.success ? parsed.data.expect : undefined);
  if (!parsed.success || block.issues.length > 0) {
    const shape = parsed.success ? [] : fromZodIssues(parsed.error.issues, source.data, ScenarioSchema);
    throw new ScenarioError(sourceName, place([...shape, ...block.issues], source));
  }
  const data = { ...parsed.data, expect: block.expect };
  const related = crossCheck(data);
  if (related.length > 0) throw new ScenarioError(sourceName, place(related, source));
  return toScenario(data, sourceName, block.expect);
}

function place(raw: RawIssue[], { doc, counter }: YamlSource): ScenarioIssue[] {
  const placed = raw.map((issue) => {
    const pos = locate(doc, counter, issue.path, issue.atKey);
    return { path: dottedPath(issue.path), line: pos?.line, column: pos?.column, message: issue.message };
  });
  // Top to bottom, as the author reads the file.
  return placed.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
}

function toScenario(data: ScenarioData, sourceName: string, expect: ExpectBlock): Scenario {
  return {
    id: scenarioId(sourceName, data.title),
    title: data.title,
    description: data.description ?? '',
    seed: data.seed,
    durationS: data.durationS,
    topology: data.topology,
    presets: data.presets.map(normalizeEntry),
    workload: data.workload,
    faults: data.faults.map(({ at, ...fault }) => ({ atS: at, fault: fault as FaultSpec })),
    expect,
    ...(data.lesson ? { lesson: data.lesson } : {}),
  };
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
