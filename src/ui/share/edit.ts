// Setup's changes (rates, keys, value size, reads from replicas, run length) and a chosen seed written
// into the scenario text itself, so the running scenario is always a file: it can be shared in a link,
// exported and reloaded, and it goes through the same checks and limits as any file. Comments and layout
// survive.
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { parseScenario } from '../../lesson/file';
import { ScenarioError } from '../../scenario/errors';
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

/** A change to one of the scenario's own faults, by its place in the file's `faults` list. */
export type FaultChange = { index: number; remove: true } | { index: number; atS: number };

/**
 * The text with one scenario fault removed or moved to another instant, checked like any file. The run of
 * the result is the run the change asks for, so a share link or an export of it reproduces the change.
 */
export function editFault(text: string, sourceName: string, change: FaultChange): string {
  const scenario = parseScenario(text, sourceName);
  const where = `faults[${change.index}]`;
  if (!Number.isInteger(change.index) || change.index < 0 || change.index >= scenario.faults.length) {
    throw new ScenarioError(sourceName, [{ path: where, message: `found no fault there; expected one of the ${scenario.faults.length} faults of the scenario` }]);
  }
  const doc = parseDocument(text, YAML_OPTIONS);
  const faults = doc.get('faults', true);
  if (!isSeq(faults)) throw new ScenarioError(sourceName, [{ path: 'faults', message: 'found no list of faults' }]);
  if ('remove' in change) {
    faults.delete(change.index);
    if (faults.items.length === 0) doc.delete('faults');
  } else {
    if (!Number.isFinite(change.atS) || change.atS < 0 || change.atS > scenario.durationS) {
      throw new ScenarioError(sourceName, [{ path: `${where}.at`, message: `found ${change.atS} s; expected a time from 0 to ${scenario.durationS} s (the end of the run)` }]);
    }
    const item = faults.items[change.index];
    if (!isMap(item)) throw new ScenarioError(sourceName, [{ path: where, message: 'found a fault written as an alias; expected a mapping the app can edit (edit the file instead)' }]);
    item.set('at', Math.round(change.atS * 1e6) / 1e6);
  }
  const out = doc.toString({ lineWidth: 0 });
  parseScenario(out, sourceName);
  return out;
}
