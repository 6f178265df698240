// The scenario files shipped with the app. Their text is bundled raw (a few KB); parsing and validation
// happen in the worker, so the page only reads each title for the picker. Importing this module makes
// every file known to scenario-catalogue.ts; the app's first script has only the default one
// (scenario-default.ts), and the link decoder, the picker and the share bar bring this one.
import primaryCrash from '../../scenarios/primary-crash.yaml?raw';
import { DEFAULT_SCENARIO, registerScenarios, scenarioFile, type ScenarioFile } from './scenario-catalogue';

export { DEFAULT_SCENARIO, scenarioById, type ScenarioFile } from './scenario-catalogue';

const files = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const SCENARIOS: ScenarioFile[] = Object.entries({ '../../scenarios/primary-crash.yaml': primaryCrash, ...files })
  .map(([path, text]) => scenarioFile(path, text))
  .sort((a, b) => (a.id === DEFAULT_SCENARIO ? -1 : b.id === DEFAULT_SCENARIO ? 1 : a.title.localeCompare(b.title)));

registerScenarios(SCENARIOS);
