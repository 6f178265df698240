// The scenario files shipped with the app. Their text is bundled raw (a few KB); parsing and validation
// happen in the worker, so the page only reads each title for the picker.
import primaryCrash from '../../scenarios/primary-crash.yaml?raw';

const files = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface ScenarioFile {
  id: string;
  sourceName: string;
  title: string;
  text: string;
}

export const DEFAULT_SCENARIO = 'primary-crash';

export const SCENARIOS: ScenarioFile[] = Object.entries({ '../../scenarios/primary-crash.yaml': primaryCrash, ...files })
  .map(([path, text]) => {
    const id = /([^/]+)\.yaml$/.exec(path)?.[1] ?? path;
    const title = /^title:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? id;
    return { id, sourceName: `scenarios/${id}.yaml`, title, text };
  })
  .sort((a, b) => (a.id === DEFAULT_SCENARIO ? -1 : b.id === DEFAULT_SCENARIO ? 1 : a.title.localeCompare(b.title)));

export function scenarioById(id: string): ScenarioFile {
  return SCENARIOS.find((s) => s.id === id) ?? SCENARIOS[0];
}
