// The built-in scenario files this page has at hand, by id. The app's first script has the default one
// (scenario-default.ts) and a link brings them all (scenarios.ts registers them); an embed loads only the
// one it shows (scenario-load.ts). Either way the other files' text (a few KB) stays out of what a first
// picture waits for. The picker and the share bar import scenarios.ts themselves, so once they are open
// every file is here.

export interface ScenarioFile {
  id: string;
  sourceName: string;
  title: string;
  text: string;
}

export const DEFAULT_SCENARIO = 'primary-crash';

const known: ScenarioFile[] = [];

/** A built-in file from its path (scenarios/<id>.yaml) and text; the title is the file's own. */
export function scenarioFile(path: string, text: string): ScenarioFile {
  const id = /([^/]+)\.yaml$/.exec(path)?.[1] ?? path;
  const title = /^title:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? id;
  return { id, sourceName: `scenarios/${id}.yaml`, title, text };
}

export function registerScenarios(files: readonly ScenarioFile[]): void {
  for (const f of files) if (!known.some((k) => k.id === f.id)) known.push(f);
}

/** The file with this id, else the default scenario (the first file at hand if that is not here). */
export function scenarioById(id: string): ScenarioFile {
  const found = known.find((s) => s.id === id) ?? known.find((s) => s.id === DEFAULT_SCENARIO) ?? known[0];
  if (found === undefined) throw new Error(`no built-in scenario is loaded (asked for ${id})`);
  return found;
}
