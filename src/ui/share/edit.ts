// Setup's changes (rates, keys, value size, reads from replicas, run length, shards and where their
// primaries are) and a chosen seed written
// into the scenario text itself, so the running scenario is always a file: it can be shared in a link,
// exported and reloaded, and it goes through the same checks and limits as any file. Comments and layout
// survive.
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { parseScenario } from '../../lesson/file';
import { ScenarioError } from '../../scenario/errors';
import { YAML_OPTIONS } from '../../scenario/yaml-tags';
import type { Workload } from '../../sim/types';
import { splitNodeTarget } from '../../sim/cluster/specs';
import { primaryPlacement, type PrimaryPlacement } from '../worker/protocol';

export { primaryPlacement };

export interface ScenarioEdits {
  workload?: Partial<Pick<Workload, 'writesPerSec' | 'readsPerSec' | 'keys' | 'valueBytes' | 'readFromReplicas'>>;
  durationS?: number;
  seed?: number;
  /** Shards (1: a single shard, written as no `shards` at all) and where their primaries are. */
  topology?: { shards?: number; primary?: PrimaryPlacement };
}


/**
 * The text with `edits` applied, checked like a file (a run that would be too long or too big is refused
 * with the loader's message). Unchanged values leave the text as it was, so a built-in stays itself. A
 * shorter run drops the scenario's faults after its end, and fewer shards the faults on the shards no
 * longer there: they would never fire. A node fault of a single shard goes to shard s1 of a cluster.
 */
export function editScenario(text: string, sourceName: string, edits: ScenarioEdits): string {
  const scenario = parseScenario(text, sourceName);
  const changes: Array<[string[], unknown]> = [];
  for (const [key, value] of Object.entries(edits.workload ?? {}) as Array<[keyof Workload, unknown]>) {
    if (value !== undefined && scenario.workload[key] !== value) changes.push([['workload', key], value]);
  }
  if (edits.durationS !== undefined && edits.durationS !== scenario.durationS) changes.push([['durationS'], edits.durationS]);
  if (edits.seed !== undefined && edits.seed !== scenario.seed) changes.push([['seed'], edits.seed]);
  const shardsBefore = scenario.topology.shards ?? 1;
  const shards = edits.topology?.shards ?? shardsBefore;
  const primary = edits.topology?.primary;
  if (shards !== shardsBefore) changes.push([['topology', 'shards'], shards]);
  if (primary !== undefined && primary !== primaryPlacement(scenario.topology)) changes.push([['topology', 'primary'], primary]);
  if (changes.length === 0) return text;

  const doc = parseDocument(text, YAML_OPTIONS);
  if (!isMap(doc.contents)) throw new ScenarioError(sourceName, [{ path: '', message: 'found no mapping at the top of the file' }]);
  for (const [path, value] of changes) {
    if ((path[0] === 'workload' || path[0] === 'topology') && !isMap(doc.get(path[0], true))) doc.set(path[0], doc.createNode({}));
    doc.setIn(path, value);
  }
  // One shard is written as the file without a cluster, as it is without `shards`.
  if (shards === 1 && shardsBefore !== 1) (doc.get('topology', true) as YAMLMap).delete('shards');
  // A shorter run drops the faults after its end, fewer shards those on the shards gone: they would never
  // fire. A fault on a node names its shard in a cluster and does not in one shard: a single shard's
  // `primary` becomes s1's, and s1's the single shard's.
  const faults = doc.get('faults', true);
  if (isSeq(faults) && (edits.durationS !== undefined || shards !== shardsBefore)) {
    for (let i = faults.items.length - 1; i >= 0; i--) {
      const item = faults.items[i] as YAMLMap;
      const at = item.get?.('at');
      const node = item.get?.('node');
      const target = typeof node === 'string' ? splitNodeTarget(node) : null;
      if (edits.durationS !== undefined && typeof at === 'number' && at > edits.durationS) faults.delete(i);
      else if (target && target.shard >= shards) faults.delete(i);
      else if (target && shards > 1 && target.shard < 0) item.set('node', `s1.${target.node}`);
      else if (target && shards === 1 && target.shard === 0) item.set('node', target.node);
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
