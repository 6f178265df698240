// The loader's error for a text that must not load (a test fails if it loads, or throws something else).
import { parseScenario } from '../../src/lesson/file';
import { ScenarioError } from '../../src/scenario/errors';

export function loaderError(text: string, source: string): ScenarioError {
  try {
    parseScenario(text, source);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}
