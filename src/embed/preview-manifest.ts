// What an embed's first picture shows before the simulation is loaded, for the built-in scenarios and
// lessons: titles, lengths, preset labels and the nodes of each pane at the start instant as the model
// lays them out. Computed at build time (vite-plugins.ts, `virtual:durability-lab-preview`) by the model
// itself, at t = 0, so the small first-load script needs neither the scenario parser nor the engine, and
// shows nothing the model has not computed: at t = 0 no write has happened yet. Node only.
import { buildCurriculum } from '../lesson/curriculum';
import { parseScenario } from '../lesson/file';
import { resolveRuns } from '../scenario/load';
import { PRESET_IDS, PRESETS } from '../sim/presets';
import { TimeMachine } from '../sim/timemachine';
import { viewOf, type PaneView } from '../sim/view';
import type { PreviewManifest, PreviewScenario } from './preview-types';

const DEFAULT_SCENARIO = 'primary-crash';

/** `files` maps a path ending in `<id>.yaml` to its text, as Vite's glob or the file system gives them. */
export function buildPreviewManifest(scenarioFiles: Readonly<Record<string, string>>, lessonFiles: Readonly<Record<string, string>>): PreviewManifest {
  const presets: PreviewManifest['presets'] = {};
  const reference = parseScenario(scenarioFiles[Object.keys(scenarioFiles).find((p) => p.endsWith(`${DEFAULT_SCENARIO}.yaml`)) ?? ''] ?? '', `${DEFAULT_SCENARIO}.yaml`);
  for (const id of PRESET_IDS) {
    const view = viewOf(new TimeMachine(resolveRuns(reference, { presets: [id] })[0]).sim);
    presets[id] = { label: PRESETS[id].label, family: PRESETS[id].params.family, subtitle: subtitleOf(view) };
  }
  // In the order the app lists them (src/ui/scenarios.ts, src/lesson/curriculum.ts), so messages that name
  // them read the same before and after the simulation loads.
  const built = Object.entries(scenarioFiles).map(([path, text]) => {
    const id = /([^/\\]+)\.yaml$/.exec(path)?.[1] ?? path;
    return { id, preview: previewOf(text, `scenarios/${id}.yaml`) };
  });
  built.sort((a, b) => (a.id === DEFAULT_SCENARIO ? -1 : b.id === DEFAULT_SCENARIO ? 1 : a.preview.title.localeCompare(b.preview.title)));
  const scenarios: PreviewManifest['scenarios'] = {};
  for (const { id, preview } of built) scenarios[id] = preview;
  const lessons: PreviewManifest['lessons'] = {};
  for (const entry of buildCurriculum(lessonFiles)) {
    lessons[entry.id] = { steps: entry.scenario.lesson.steps.length, scenario: previewOf(entry.text, `scenarios/lessons/${entry.id}.yaml`) };
  }
  return { presets, scenarios, lessons };
}

function previewOf(text: string, sourceName: string): PreviewScenario {
  const scenario = parseScenario(text, sourceName);
  const runs = resolveRuns(scenario);
  // Every pane of a scenario draws the same nodes at t = 0 (the presets change how they behave, not where they are).
  const view = viewOf(new TimeMachine(runs[0]).sim);
  const labels: Record<string, string> = {};
  const subtitles: Record<string, string> = {};
  scenario.presets.forEach((entry, i) => {
    if (entry.preset in labels) return;
    labels[entry.preset] = entry.label;
    subtitles[entry.preset] = subtitleOf(i === 0 ? view : viewOf(new TimeMachine(runs[i]).sim));
  });
  return {
    title: scenario.title,
    durationS: scenario.durationS,
    shards: scenario.topology.shards ?? 1,
    presets: runs.map((r) => r.presetId),
    labels,
    subtitles,
    nodes: view.nodes.map((n) => ({ id: n.id, role: n.role, az: n.az })),
    clients: view.clients.map((c) => c.az),
    rows: view.fates.rows.length,
  };
}

/** What a pane says under its title about its design (src/ui/panes/Pane.svelte writes the same). */
function subtitleOf(view: PaneView): string {
  if (!view.log) return 'replies first, replicates later';
  return view.log.durability === 'async' ? `replies first, logs after (buffer ≤ ${view.log.buffer.limitMs / 1000} s)` : `replies after a ${view.log.quorum}-of-3 log commit`;
}
