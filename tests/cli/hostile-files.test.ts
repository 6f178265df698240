// The command line on files a clumsy or hostile author could write: the real loader and the real engine,
// in-process, on runs of a couple of simulated seconds.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../src/cli/cli';
import { loadScenarioFile } from '../../src/scenario/node/load-file';
import { runScenario } from '../../src/scenario/run-scenario';

const dir = mkdtempSync(join(tmpdir(), 'durability-lab-cli-'));

function fileWith(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function sim(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, {
    loadScenario: (path) => loadScenarioFile(path),
    runScenario,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const SHORT = 'durationS: 2\nworkload: { writesPerSec: 50, readsPerSec: 0 }\n';

describe('labels named like Object.prototype members', () => {
  it('an expectation under valueOf is checked: it fails, and the command exits 1', () => {
    const path = fileWith('value-of.yaml', `title: T\n${SHORT}presets:\n  - { preset: memorydb, label: valueOf }\nexpect:\n  valueOf: { lostAcked: 5 }\n`);
    const run = sim(path, '--no-linearizability');
    expect(run.code).toBe(EXIT.expectFailed);
    expect(run.stdout).toMatch(/\nexpect +FAIL\n +lostAcked: expected 5, got 0\n/);
  });

  it('toString without an expect block shows "-" and exits 0', () => {
    const path = fileWith('to-string.yaml', `title: T\n${SHORT}presets:\n  - { preset: memorydb, label: toString }\n`);
    const run = sim(path, '--no-linearizability');
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/\nexpect +-\n/);
  });

  it('expect under __proto__ for a preset that is not there exits 2 with a located message', () => {
    const path = fileWith('proto.yaml', `title: T\n${SHORT}presets: [memorydb]\nexpect:\n  __proto__: { lostAcked: 5 }\n`);
    const run = sim(path);
    expect(run.code).toBe(EXIT.badInput);
    expect(run.stderr).toBe(`${path}:6:3: expect.__proto__: found "__proto__", which is not among the presets; expected one of "MemoryDB (log)", "memorydb"\n`);
  });
});
