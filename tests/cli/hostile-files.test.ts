// The command line on files a clumsy or hostile author could write: the real loader and the real engine,
// in-process, on runs of a couple of simulated seconds.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../src/cli/cli';
import { loadScenarioFile } from '../../src/cli/load-file';
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

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('terminal escapes in a file', () => {
  const title = 'Hi \u001b[2J\u001b]0;pwned\u0007 there';
  const label = 'L\u001b[31mred\u009b2J';
  const path = fileWith('escapes.yaml', `title: ${JSON.stringify(title)}\n${SHORT}presets:\n  - { preset: memorydb, label: ${JSON.stringify(label)} }\n`);

  it('the table shows them escaped, and its columns still line up', () => {
    const run = sim(path, '--no-linearizability');
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Hi \\u001b[2J\\u001b]0;pwned\\u0007 there (escapes), seed 1, trace ' + lines[0].split('trace ')[1]);
    const header = lines[2];
    expect(header.trimStart()).toBe('L\\u001b[31mred\\u009b2J');
    expect(lines[3].length).toBe(header.length); // the rule under the header is as wide as the escaped label
  });

  it('the JSON report escapes them too', () => {
    const run = sim(path, '--json', '--no-linearizability');
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(run.stdout).runs[0].preset).toBe(label);
  });

  it('messages that echo a file name or an argument escape them', () => {
    const missing = sim(join(dir, 'no-such-\u001b[2J.yaml'));
    expect(missing.code).toBe(EXIT.badInput);
    expect(missing.stderr).toBe(`${join(dir, 'no-such-\\u001b[2J.yaml')}: cannot read the file (no such file)\n`);
    const option = sim(path, '--colour\u001b]0;x\u0007');
    expect(option.stderr).toMatch(/^error: unknown option --colour\\u001b\]0;x\\u0007\n/);
  });
});

describe('--preset', () => {
  const path = fileWith('two.yaml', `title: T\n${SHORT}presets: [elasticache, memorydb]\n`);

  it('runs four presets, the most a scenario may compare', () => {
    const run = sim(path, '--preset', 'elasticache,memorydb,redis-wait', '--preset', 'redis-aof-no', '--json', '--no-linearizability');
    expect(run.code).toBe(EXIT.ok);
    expect(JSON.parse(run.stdout).runs).toHaveLength(4);
  });

  it('refuses a fifth, naming them all and the limit, before running anything', () => {
    const run = sim(path, '--preset', 'elasticache,memorydb,redis-wait,redis-aof-no,redis-aof-always,redis-min-replicas,redis-aof-everysec');
    expect(run.code).toBe(EXIT.badInput);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'preset selection: found 7 presets ("ElastiCache (async)", "MemoryDB (log)", "Redis + WAIT 1", "Redis AOF no-fsync", ' +
        '"Redis AOF always", "Redis min-replicas 1", "Redis AOF everysec"); expected at most 4\n',
    );
  });

  it('a preset named twice is one pane, and does not count twice', () => {
    const run = sim(path, '--preset', 'memorydb,memorydb,memorydb,memorydb,memorydb', '--json', '--no-linearizability');
    expect(run.code).toBe(EXIT.ok);
    expect(JSON.parse(run.stdout).runs).toHaveLength(1);
  });
});
