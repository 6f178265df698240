// One built-in scenario file, fetched on its own (an embed's: scenario-catalogue.ts). Each file is a chunk
// of its own; the `single` query keeps these modules apart from the eager ones of scenarios.ts, which would
// otherwise pull every file in with the first.
import { registerScenarios, scenarioFile, type ScenarioFile } from './scenario-catalogue';

const loaders = import.meta.glob('../../scenarios/*.yaml', { query: '?raw&single', import: 'default' }) as Record<string, () => Promise<string>>;

/** The built-in file with this id, now known to the catalogue; undefined if there is none. */
export async function loadBuiltinScenario(id: string): Promise<ScenarioFile | undefined> {
  const path = `../../scenarios/${id}.yaml`;
  const load = loaders[path];
  if (load === undefined) return undefined;
  const file = scenarioFile(path, await load());
  registerScenarios([file]);
  return file;
}
