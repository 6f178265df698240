// Preset labels are shown as written and compared exactly: labels that differ only by case or by the
// characters a slug drops are different presets, and every one of them runs.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns, selectPresets } from '../../src/scenario/load';
import { runScenario } from '../../src/scenario/run-scenario';
import { uniqueSlugs } from '../../src/ui/format';

const LOOK_ALIKE = `title: Look-alike labels
durationS: 2
workload: { writesPerSec: 50, readsPerSec: 0 }
presets:
  - { preset: elasticache, label: A }
  - { preset: memorydb, label: a }
  - { preset: redis-wait, label: a-2 }
expect:
  A: { acked: 0 }
  a: { acked: { gt: 0 } }
`;

describe('labels that differ only by case or slug', () => {
  it('are accepted, and each runs as its own pane', () => {
    const scenario = parseScenario(LOOK_ALIKE, 'look-alike.yaml');
    const runs = resolveRuns(scenario);
    expect(runs.map((r) => [r.label, r.presetId])).toEqual([
      ['A', 'elasticache'],
      ['a', 'memorydb'],
      ['a-2', 'redis-wait'],
    ]);
    expect(new Set(uniqueSlugs(runs.map((r) => r.label))).size).toBe(3);
  });

  it('are picked exactly by --preset, the link and the embed', () => {
    const scenario = parseScenario(LOOK_ALIKE, 'look-alike.yaml');
    expect(selectPresets(scenario, ['a']).map((p) => p.preset)).toEqual(['memorydb']);
    expect(selectPresets(scenario, ['A', 'a-2']).map((p) => p.preset)).toEqual(['elasticache', 'redis-wait']);
  });

  it('carry their own expectations: A fails its own, a passes its own, a-2 has none', () => {
    const outcome = runScenario(parseScenario(LOOK_ALIKE, 'look-alike.yaml'), { linearizability: false });
    expect(outcome.runs.map((r) => r.expect)).toEqual([
      { passed: false, failures: [expect.stringMatching(/^acked: expected 0, got \d+$/)] },
      { passed: true, failures: [] },
      null,
    ]);
  });
});
