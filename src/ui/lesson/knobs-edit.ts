// Writes a task's cache knobs into the lesson's scenario text (its own module: it needs the YAML library,
// which the controller loads only when a reader applies knobs).
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { YAML_OPTIONS } from '../../scenario/yaml-tags';
import { validKnob, type KnobValues, type TaskKnob } from './knobs';

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
