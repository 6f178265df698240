// The default scenario's file, for the app's first script: a plain visit opens it at once, and the other
// built-in files (a few KB) load with the link decoder, the picker or the share bar (scenarios.ts), which
// the first picture does not wait for. A function the entry calls, not an import for its effect: the
// package declares its modules free of side effects, so a bare import of this file would be dropped.
import primaryCrash from '../../scenarios/primary-crash.yaml?raw';
import { DEFAULT_SCENARIO, registerScenarios, scenarioFile } from './scenario-catalogue';

export function registerDefaultScenario(): void {
  registerScenarios([scenarioFile(`../../scenarios/${DEFAULT_SCENARIO}.yaml`, primaryCrash)]);
}
