import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/cli/load-file';
import { SCENARIO_FILE } from '../../src/lesson/file';
import { scenarioJsonSchemaText } from '../../src/scenario/json-schema';
import { resolveRuns } from '../../src/scenario/load';

const dir = new URL('../../scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();

describe('scenarios/', () => {
  it('holds the drafted scenarios', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'primary-crash.yaml',
        'az-outage.yaml',
        'az-isolation.yaml',
        'power-loss.yaml',
        'primary-reboot.yaml',
        'aof-fsync-power-loss.yaml',
        'replica-lag-reads.yaml',
      ]),
    );
  });

  it.each(files)('%s parses, names the schema, and resolves to runs', (file) => {
    const path = new URL(file, dir);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');

    const scenario = loadScenarioFile(path.pathname, `scenarios/${file}`);
    expect(scenario.id).toBe(file.replace(/\.ya?ml$/, ''));
    expect(scenario.description.length).toBeGreaterThan(80);
    expect(Object.keys(scenario.expect).length).toBeGreaterThan(0);

    const runs = resolveRuns(scenario);
    expect(runs.length).toBe(scenario.presets.length);
    for (const run of runs) {
      expect(run.seed).toBe(scenario.seed);
      expect((run.workload.writesPerSec + run.workload.readsPerSec) * run.durationS).toBeLessThanOrEqual(200_000);
    }
  });

  it('primary-crash is the elasticache vs memorydb default with the promised expectations', () => {
    const s = loadScenarioFile(new URL('primary-crash.yaml', dir).pathname);
    expect(s.presets.map((p) => p.preset)).toEqual(['elasticache', 'memorydb']);
    expect(s.faults).toEqual([{ atS: 20, fault: { kind: 'crash', node: 'primary' } }]);
    expect(s.durationS).toBe(60);
    expect(s.expect).toEqual({ elasticache: { lostAcked: { gt: 0 } }, memorydb: { lostAcked: 0, splitBrainMs: 0 } });
  });

  it('power-loss moves the ElastiCache backup to 10 s', () => {
    const s = loadScenarioFile(new URL('power-loss.yaml', dir).pathname);
    const ec = resolveRuns(s).find((r) => r.presetId === 'elasticache')!;
    expect(ec.params.cache.backup).toEqual({ enabled: true, intervalS: 86_400, firstAtS: 10 });
  });

  it('scenario.schema.json is what `npm run schema` generates now', () => {
    const committed = readFileSync(new URL('scenario.schema.json', dir), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText(SCENARIO_FILE.schema));
  });
});
