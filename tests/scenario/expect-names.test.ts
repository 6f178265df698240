// Preset labels that are also names of Object.prototype's members, through the real loader from YAML text:
// an expectation is found only under its own name, and an unknown name is an error whatever its spelling.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { ScenarioError } from '../../src/scenario/errors';
import { assertionsFor } from '../../src/scenario/expect';
import { resolveRuns } from '../../src/scenario/load';
import { runScenario } from '../../src/scenario/run-scenario';

const NAMES = ['valueOf', 'toString', 'constructor', 'hasOwnProperty', 'isPrototypeOf', '__proto__'];

function file(presets: string, expectBlock = ''): string {
  return `title: Names
durationS: 2
workload: { writesPerSec: 50, readsPerSec: 0 }
presets:
${presets}
${expectBlock}`;
}

function errorOf(text: string): ScenarioError {
  try {
    parseScenario(text, 'names.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('expect entries named like Object.prototype members', () => {
  it.each(NAMES)('a preset labelled %s gets the expectation written under its label', (name) => {
    const scenario = parseScenario(file(`  - { preset: memorydb, label: ${name} }`, `expect:\n  ${name}: { lostAcked: 5 }\n`), 'names.yaml');
    const [spec] = resolveRuns(scenario);
    expect(spec.label).toBe(name);
    expect(assertionsFor(scenario, spec)).toEqual({ lostAcked: 5 });
  });

  it('an expectation under such a label is checked, and fails when it does not hold', () => {
    const text = file('  - { preset: memorydb, label: valueOf }\n  - { preset: elasticache, label: __proto__ }', 'expect:\n  valueOf: { lostAcked: 5 }\n  __proto__: { lostAcked: 7 }\n');
    const outcome = runScenario(parseScenario(text, 'names.yaml'), { linearizability: false });
    expect(outcome.runs.map((r) => r.expect)).toEqual([
      { passed: false, failures: ['lostAcked: expected 5, got 0'] },
      { passed: false, failures: ['lostAcked: expected 7, got 0'] },
    ]);
  });

  it.each(NAMES)('a preset labelled %s without an expect block has no expectations', (name) => {
    const scenario = parseScenario(file(`  - { preset: memorydb, label: ${name} }`), 'names.yaml');
    expect(assertionsFor(scenario, resolveRuns(scenario)[0])).toBeUndefined();
  });

  it.each(NAMES)('expect naming %s, which is not a preset, is a located error', (name) => {
    const e = errorOf(file('  - memorydb', `expect:\n  ${name}: { lostAcked: 5 }\n`));
    expect(e.message).toBe(
      `names.yaml:7:3: expect.${name}: found "${name}", which is not among the presets; expected one of "MemoryDB (log)", "memorydb"`,
    );
  });

  it('a bad entry under __proto__ is reported at its place, like any other entry', () => {
    const e = errorOf(file('  - { preset: memorydb, label: __proto__ }', 'expect:\n  __proto__: { lost: 5, rpoMs: soon }\n'));
    expect(e.message.split('\n')).toEqual([
      expect.stringMatching(/^names\.yaml:7:16: expect\.__proto__\.lost: unknown key "lost"; expected one of lostAcked, .* \(did you mean "lostAcked"\?\)$/),
      'names.yaml:7:32: expect.__proto__.rpoMs: found "soon"; expected a number or a mapping (key: value)',
    ]);
  });

  it('an expect block written as JSON-style flow text is read the same way', () => {
    const e = errorOf(file('  - memorydb', 'expect: { "__proto__": { "lostAcked": 5 } }\n'));
    expect(e.issues.map((i) => [i.path, i.line, i.column])).toEqual([['expect.__proto__', 6, 11]]);
  });
});
