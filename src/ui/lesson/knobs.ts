// "Try it" tasks let the learner change a few knobs of one pane and re-run. The change is written into the
// lesson's scenario text as that preset entry's `overrides`, so the run is an ordinary scenario run and
// the file can be shared or exported as is. Comments and the rest of the file are kept.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { YAML_OPTIONS } from '../../scenario/yaml-tags';
import type { CacheParams } from '../../sim/types';

/** The knobs offered, with the words the form shows; all of them are cache-style (the tasks are about it). */
export const TASK_KNOBS = [
  { key: 'replicationDelayMs', label: 'Replication delay on the primary (ms)', min: 0, max: 1000, whole: false },
  { key: 'waitReplicas', label: 'WAIT after each write: replicas to wait for (0 = off)', min: 0, max: 5, whole: true },
  { key: 'minReplicasToWrite', label: 'min-replicas-to-write (0 = off)', min: 0, max: 5, whole: true },
] as const satisfies ReadonlyArray<{ key: keyof CacheParams; label: string; min: number; max: number; whole: boolean }>;

export type TaskKnob = (typeof TASK_KNOBS)[number]['key'];
export type KnobValues = Record<TaskKnob, number>;

export function knobValues(cache: Pick<CacheParams, TaskKnob>): KnobValues {
  return { replicationDelayMs: cache.replicationDelayMs, waitReplicas: cache.waitReplicas, minReplicasToWrite: cache.minReplicasToWrite };
}

/** A value the form may send: a finite number within the knob's range, whole where the knob counts. */
export function validKnob(key: TaskKnob, value: number): boolean {
  const knob = TASK_KNOBS.find((k) => k.key === key)!;
  return Number.isFinite(value) && value >= knob.min && value <= knob.max && (!knob.whole || Number.isInteger(value));
}

/**
 * The scenario text with `presets[index].overrides.cache` carrying these values. A preset given by id
 * alone (`- memorydb`) becomes `{ preset: memorydb }` first. Throws when the text has no such entry.
 */
export function withCacheKnobs(text: string, index: number, values: Partial<KnobValues>): string {
  const doc = parseDocument(text, YAML_OPTIONS);
  const presets = doc.get('presets');
  if (!isSeq(presets) || index < 0 || index >= presets.items.length) throw new Error(`the scenario has no preset entry ${index + 1}`);
  const item = presets.items[index];
  if (isScalar(item)) presets.items[index] = doc.createNode({ preset: item.value });
  else if (!isMap(item)) throw new Error(`preset entry ${index + 1} is neither an id nor a mapping`);
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (!validKnob(key as TaskKnob, value)) throw new Error(`${key}: ${value} is outside the range the form allows`);
    doc.setIn(['presets', index, 'overrides', 'cache', key], value);
  }
  return doc.toString();
}
