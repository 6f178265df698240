// Node-only: reads a scenario file from disk. Kept apart so the browser bundle never pulls in `fs`.
import { readFileSync, statSync } from 'node:fs';
import { parseScenario, type ScenarioFile } from '../lesson/file';
import { decodeScenarioBytes } from '../scenario/decode';
import { ScenarioError } from '../scenario/errors';
import { LIMITS } from '../scenario/limits';
import { fileTooLarge } from '../scenario/yaml-source';

/** `displayName` is how errors name the file; by default the path as given. */
export function loadScenarioFile(path: string, displayName = path): ScenarioFile {
  const fail = (message: string) => new ScenarioError(displayName, [{ path: '', message }]);
  let size: number;
  let isFile: boolean;
  try {
    const stat = statSync(path);
    [size, isFile] = [stat.size, stat.isFile()];
  } catch (error) {
    throw fail(`cannot read the file (${describeFsError(error)})`);
  }
  if (!isFile) throw fail('found a directory or device; expected a scenario file (.yaml)');
  // Checked before reading, so a huge file is never loaded into memory.
  if (size > LIMITS.maxFileBytes) throw new ScenarioError(displayName, [fileTooLarge(size)]);
  return parseScenario(decodeScenarioBytes(readFileSync(path)), displayName);
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
