// Setup's changes (rates, keys, value size, reads from replicas, run length) and a chosen seed written
// into the scenario text itself, so the running scenario is always a file: it can be shared in a link,
// exported and reloaded, and it goes through the same checks and limits as any file. Comments and layout
// survive.
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { ScenarioError } from '../../scenario/errors';
import { parseScenario } from '../../scenario/load';
import { YAML_OPTIONS } from '../../scenario/yaml-tags';
import type { Workload } from '../../sim/types';

export interface ScenarioEdits {
  workload?: Partial<Pick<Workload, 'writesPerSec' | 'readsPerSec' | 'keys' | 'valueBytes' | 'readFromReplicas'>>;
  durationS?: number;
  seed?: number;
}

/**
 * The text with `edits` applied, checked like a file (a run that would be too long or too big is refused
 * with the loader's message). Unchanged values leave the text as it was, so a built-in stays itself. A
 * shorter run drops the scenario's faults after its end: they would never fire.
 */
export function editScenario(text: string, sourceName: string, edits: ScenarioEdits): string {
  const scenario = parseScenario(text, sourceName);
  const changes: Array<[string[], unknown]> = [];
  for (const [key, value] of Object.entries(edits.workload ?? {}) as Array<[keyof Workload, unknown]>) {
    if (value !== undefined && scenario.workload[key] !== value) changes.push([['workload', key], value]);
  }
  if (edits.durationS !== undefined && edits.durationS !== scenario.durationS) changes.push([['durationS'], edits.durationS]);
  if (edits.seed !== undefined && edits.seed !== scenario.seed) changes.push([['seed'], edits.seed]);
  if (changes.length === 0) return text;

  const doc = parseDocument(text, YAML_OPTIONS);
  if (!isMap(doc.contents)) throw new ScenarioError(sourceName, [{ path: '', message: 'found no mapping at the top of the file' }]);
  for (const [path, value] of changes) {
    if (path[0] === 'workload' && !isMap(doc.get('workload', true))) doc.set('workload', doc.createNode({}));
    doc.setIn(path, value);
  }
  if (edits.durationS !== undefined) {
    const faults = doc.get('faults', true);
    if (isSeq(faults)) {
      for (let i = faults.items.length - 1; i >= 0; i--) {
        const at = (faults.items[i] as YAMLMap).get?.('at');
        if (typeof at === 'number' && at > edits.durationS) faults.delete(i);
      }
    }
  }
  const out = doc.toString({ lineWidth: 0 });
  parseScenario(out, sourceName);
  return out;
}
