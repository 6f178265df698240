import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EXIT, runCli, type CliDeps } from '../../src/cli/cli';
import { loadScenarioFile } from '../../src/cli/load-file';
import type { ScenarioOutcome } from '../../src/scenario/run-scenario';
import type { RunSpec } from '../../src/sim/types';
import { twoPresetReport } from './report-fixture';

const CRASH = 'scenarios/primary-crash.yaml';

/** Real file loading, a fake engine returning the hand-made report, captured output. */
function harness(report = twoPresetReport()) {
  const out: string[] = [];
  const err: string[] = [];
  const runScenario = vi.fn<CliDeps['runScenario']>(
    (scenario, opts): ScenarioOutcome => ({
      scenario,
      seed: opts.seed ?? scenario.seed,
      traceHash: report.traceHash,
      runs: report.runs.map((r) => ({ ...r, spec: {} as RunSpec, traceHash: report.traceHash })),
    }),
  );
  const deps: CliDeps = {
    loadScenario: (path) => loadScenarioFile(path),
    runScenario,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  };
  return { deps, runScenario, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('runCli', () => {
  it('prints the table and exits 1 when an expectation failed', () => {
    const h = harness();
    expect(runCli([CRASH], h.deps)).toBe(EXIT.expectFailed);
    expect(h.stdout()).toMatch(/^Primary crash under load \(primary-crash\), seed 1, trace 0123456789abcdef\n/);
    expect(h.stdout()).toContain('splitBrainMs: expected > 0, got 0');
    expect(h.stderr()).toBe('');
  });

  it('exits 0 when every expectation holds', () => {
    const report = twoPresetReport();
    const runs = report.runs.map((r) => ({ ...r, expect: r.expect && { passed: true, failures: [] } }));
    const h = harness({ ...report, runs });
    expect(runCli([CRASH], h.deps)).toBe(EXIT.ok);
  });

  it('--json prints only the JSON report', () => {
    const h = harness();
    expect(runCli([CRASH, '--json'], h.deps)).toBe(EXIT.expectFailed);
    const parsed = JSON.parse(h.stdout());
    expect(parsed.scenario).toBe('primary-crash');
    expect(parsed.runs.map((r: { preset: string }) => r.preset)).toEqual(['ElastiCache (async)', 'MemoryDB (log)']);
  });

  it('passes seed, presets and the linearizability switch to the runner', () => {
    const h = harness();
    runCli([CRASH, '--seed', '9', '--preset', 'memorydb,elasticache', '--no-linearizability'], h.deps);
    expect(h.runScenario).toHaveBeenCalledTimes(1);
    const [scenario, opts] = h.runScenario.mock.calls[0];
    expect(scenario.id).toBe('primary-crash');
    expect(opts).toEqual({ seed: 9, presets: ['memorydb', 'elasticache'], linearizability: false });
  });

  it('an unknown preset exits 2 with the valid list, before running anything', () => {
    const h = harness();
    expect(runCli([CRASH, '--preset', 'dynamodb'], h.deps)).toBe(EXIT.badInput);
    expect(h.stderr()).toBe(
      'preset selection: found "dynamodb"; expected one of elasticache, redis-aof-always, redis-aof-everysec, ' +
        'redis-aof-no, redis-wait, redis-min-replicas, redis-sentinel, redis-cluster, memorydb, elasticache-durable-sync, elasticache-durable-async\n',
    );
    expect(h.runScenario).not.toHaveBeenCalled();
    expect(h.stdout()).toBe('');
  });

  it('a missing file exits 2 with a one-line message and no stack trace', () => {
    const h = harness();
    expect(runCli(['scenarios/no-such-scenario.yaml'], h.deps)).toBe(EXIT.badInput);
    expect(h.stderr()).toBe('scenarios/no-such-scenario.yaml: cannot read the file (no such file)\n');
  });

  it('a directory is not a scenario file', () => {
    const h = harness();
    expect(runCli(['scenarios'], h.deps)).toBe(EXIT.badInput);
    expect(h.stderr()).toBe('scenarios: found a directory or device; expected a scenario file (.yaml)\n');
  });

  it('an invalid scenario exits 2 with the loader message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'durability-lab-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'title: T\ndurationS: 60\npresets: [memorydb]\nworkload: { writesPerSec: 1e9 }\n');
    const h = harness();
    expect(runCli([file], h.deps)).toBe(EXIT.badInput);
    expect(h.stderr()).toBe(`${file}:4:27: workload.writesPerSec: found 1000000000; expected a number at most 1000000\n`);
    expect(h.stderr()).not.toMatch(/\n\s+at /);
  });

  it('an oversized file is refused from its size on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'durability-lab-'));
    const file = join(dir, 'big.yaml');
    writeFileSync(file, `# ${'x'.repeat(512 * 1024)}\n`);
    const h = harness();
    expect(runCli([file], h.deps)).toBe(EXIT.badInput);
    expect(h.stderr()).toBe(`${file}: found a file of 524291 bytes; expected at most 262144 bytes (256 KiB)\n`);
  });

  it('bad arguments exit 2 with the usage', () => {
    const h = harness();
    expect(runCli(['--seed', 'abc', CRASH], h.deps)).toBe(EXIT.badInput);
    expect(h.stderr()).toMatch(/^error: --seed: found "abc"; expected a whole number from 0 to 4294967295\n\nusage: npm run sim -- /);
  });

  it('--help prints the usage and exits 0', () => {
    const h = harness();
    expect(runCli(['--help'], h.deps)).toBe(EXIT.ok);
    expect(h.stdout()).toMatch(/^usage: npm run sim -- <scenario\.yaml>/);
  });

  it('an engine failure exits 3 and keeps the stack for whoever fixes it', () => {
    const h = harness();
    h.runScenario.mockImplementation(() => {
      throw new Error('heap corrupted');
    });
    expect(runCli([CRASH], h.deps)).toBe(EXIT.internal);
    expect(h.stderr()).toMatch(/^internal error while simulating scenarios\/primary-crash\.yaml:\nError: heap corrupted\n\s+at /);
  });
});
