// "Try it" tasks let the learner change a few knobs of one pane and re-run. The change is written into the
// lesson's scenario text as that preset entry's `overrides`, so the run is an ordinary scenario run and
// the file can be shared or exported as is. Comments and the rest of the file are kept.
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

// withCacheKnobs, which writes them into the text, is in knobs-edit.ts (it needs the YAML library).
