// Export and import of scenario files. Export writes the scenario as the learner sees it: the original
// text (comments and all) with the faults injected by hand appended to `faults`, so opening the file
// replays the same run. Import takes a picked or dropped file through the same size check and parser as
// every other scenario source.
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { parseScenario } from '../lesson/file';
import { decodeScenarioBytes } from '../scenario/decode';
import { ScenarioError } from '../scenario/errors';
import { LIMITS } from '../scenario/limits';
import type { Scenario } from '../scenario/load';
import { YAML_OPTIONS } from '../scenario/yaml-tags';
import { fileTooLarge } from '../scenario/yaml-source';
import type { InjectedFault } from '../sim/timemachine';

export interface ExportedFile {
  name: string;
  text: string;
}

/**
 * The scenario text with `injected` appended to its faults, times in seconds. The result is parsed again
 * before it is offered, so an export that would not load (for example one past the size limit) fails here
 * with the same message an import would give.
 */
export function exportScenario(text: string, injected: readonly InjectedFault[], sourceName: string): ExportedFile {
  const scenario = parseScenario(text, sourceName);
  const name = `${scenario.id}.yaml`;
  if (injected.length === 0) return { name, text };
  const doc = parseDocument(text, YAML_OPTIONS);
  if (!isMap(doc.contents)) throw new ScenarioError(sourceName, [{ path: '', message: 'found no mapping at the top of the file' }]);
  let faults = doc.get('faults', true);
  if (!isSeq(faults)) {
    faults = new YAMLSeq();
    (doc.contents as YAMLMap).set('faults', faults);
  }
  const seq = faults as YAMLSeq;
  for (const { t, fault } of injected) {
    const node = doc.createNode({ at: Math.round(t) / 1e6, ...fault }) as YAMLMap;
    node.flow = true; // one line per fault, as the built-in files write them
    seq.add(node);
  }
  seq.flow = false;
  const out = doc.toString({ lineWidth: 0 });
  parseScenario(out, name);
  return { name, text: out };
}

/** What a file picker or a drop hands over: File satisfies it in the browser. */
export interface FileLike {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ImportedScenario {
  text: string;
  scenario: Scenario;
}

/** The size is checked before the file is read, so a huge drop is never loaded into memory. */
export async function importScenarioFile(file: FileLike): Promise<ImportedScenario> {
  const name = displayName(file.name);
  if (file.size > LIMITS.maxFileBytes) throw new ScenarioError(name, [fileTooLarge(file.size)]);
  let text: string;
  try {
    // Bytes, not file.text(): the command line decodes the same bytes the same way (UTF-16 by its mark, else UTF-8).
    text = decodeScenarioBytes(new Uint8Array(await file.arrayBuffer()));
  } catch {
    throw new ScenarioError(name, [{ path: '', message: 'cannot read the file' }]);
  }
  return { text, scenario: parseScenario(text, name) };
}

/** File names come from the user's disk: keep them short and printable in messages. */
function displayName(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 100);
  return clean === '' ? 'dropped file' : clean;
}
