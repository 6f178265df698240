import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { ScenarioError } from '../../src/scenario/errors';
import { resolveRuns, scenarioId, selectPresets } from '../../src/scenario/load';
import { nodeIds } from '../../src/scenario/topology';
import { PRESETS } from '../../src/sim/presets';

const MINIMAL = 'title: Minimal\ndurationS: 30\npresets: [memorydb]\n';

describe('parseScenario defaults', () => {
  it('fills topology, workload, seed and faults', () => {
    const s = parseScenario(MINIMAL, 'dropped file');
    expect(s).toEqual({
      id: 'minimal',
      title: 'Minimal',
      description: '',
      seed: 1,
      durationS: 30,
      topology: { primary: 'a', replicas: ['b', 'c'], clients: ['a', 'b', 'c'] },
      presets: [{ preset: 'memorydb', label: 'MemoryDB (log)', overrides: {} }],
      workload: { writesPerSec: 1000, readsPerSec: 1000, keys: 1000, valueBytes: 100, incrFraction: 0, readFromReplicas: false },
      faults: [],
      expect: {},
    });
  });

  it('turns faults into ScheduledFaults in file order', () => {
    const s = parseScenario(
      `${MINIMAL}faults:\n  - { at: 30, kind: az-heal, az: a }\n  - { at: 5.5, kind: link-delay, node: b1, delayMs: 200, durationS: 10 }\n`,
      'x.yaml',
    );
    expect(s.faults).toEqual([
      { atS: 30, fault: { kind: 'az-heal', az: 'a' } },
      { atS: 5.5, fault: { kind: 'link-delay', node: 'b1', delayMs: 200, durationS: 10 } },
    ]);
  });

  it('default defaults are not shared between parses', () => {
    const a = parseScenario(MINIMAL, 'a.yaml');
    a.topology.replicas.push('a');
    expect(parseScenario(MINIMAL, 'b.yaml').topology.replicas).toEqual(['b', 'c']);
  });
});

describe('scenarioId', () => {
  it('uses the file name without extension when there is one', () => {
    expect(scenarioId('scenarios/az-outage.yaml', 'AZ outage')).toBe('az-outage');
    expect(scenarioId('C:\\work\\my test.yml', 'x')).toBe('my test');
  });
  it('otherwise slugs the title', () => {
    expect(scenarioId('URL parameter', "Primary crash: what's lost?")).toBe('primary-crash-what-s-lost');
    expect(scenarioId('dropped file', '!!!')).toBe('scenario');
  });
});

describe('nodeIds', () => {
  it('names the primary first in its AZ, then replicas by AZ in list order', () => {
    expect(nodeIds({ primary: 'a', replicas: ['b', 'c'] })).toEqual(['a1', 'b1', 'c1']);
    expect(nodeIds({ primary: 'a', replicas: ['b', 'c', 'b'] })).toEqual(['a1', 'b1', 'c1', 'b2']);
    expect(nodeIds({ primary: 'a', replicas: ['a', 'b'] })).toEqual(['a1', 'a2', 'b1']);
    expect(nodeIds({ primary: 'c', replicas: [] })).toEqual(['c1']);
  });
});

const TWO = `title: Two
durationS: 60
seed: 7
presets:
  - elasticache
  - preset: elasticache
    label: EC fast failover
    overrides: { cache: { failover: { detectionMs: 2000 } }, network: { crossAzRttMs: 2 } }
  - memorydb
`;

describe('resolveRuns', () => {
  it('builds one RunSpec per preset with overrides merged into the preset params', () => {
    const runs = resolveRuns(parseScenario(TWO, 'two.yaml'));
    expect(runs.map((r) => [r.presetId, r.label, r.seed])).toEqual([
      ['elasticache', 'ElastiCache (async)', 7],
      ['elasticache', 'EC fast failover', 7],
      ['memorydb', 'MemoryDB (log)', 7],
    ]);
    expect(runs[0].params).toEqual(PRESETS.elasticache.params);
    expect(runs[1].params.cache.failover).toEqual({ ...PRESETS.elasticache.params.cache.failover, detectionMs: 2000 });
    expect(runs[1].params.network.crossAzRttMs).toBe(2);
    expect(runs[1].params.network.intraAzRttMs).toBe(PRESETS.elasticache.params.network.intraAzRttMs);
    expect(runs[2].params.family).toBe('durable');
    expect(runs[0].durationS).toBe(60);
  });

  it('gives every run its own copy, so an engine mutating its spec cannot touch PRESETS or other runs', () => {
    const runs = resolveRuns(parseScenario(TWO, 'two.yaml'));
    runs[0].params.cache.failover.detectionMs = -1;
    runs[0].topology.replicas.push('a');
    expect(PRESETS.elasticache.params.cache.failover.detectionMs).toBe(10_000);
    expect(runs[2].topology.replicas).toEqual(['b', 'c']);
  });

  it('replaces the seed when asked', () => {
    expect(resolveRuns(parseScenario(TWO, 'two.yaml'), { seed: 99 }).every((r) => r.seed === 99)).toBe(true);
  });

  it('refuses a seed outside 0 … 2^32-1', () => {
    expect(() => resolveRuns(parseScenario(TWO, 'two.yaml'), { seed: -1 })).toThrow(
      'seed option: found -1; expected a whole number from 0 to 4294967295',
    );
  });

  it('selects presets by label first, then by preset id, in the order asked', () => {
    const s = parseScenario(TWO, 'two.yaml');
    expect(resolveRuns(s, { presets: ['memorydb', 'EC fast failover'] }).map((r) => r.label)).toEqual([
      'MemoryDB (log)',
      'EC fast failover',
    ]);
    expect(selectPresets(s, ['elasticache']).map((p) => p.label)).toEqual(['ElastiCache (async)', 'EC fast failover']);
  });

  it('adds a preset the scenario does not list, with its defaults', () => {
    const s = parseScenario(TWO, 'two.yaml');
    expect(selectPresets(s, ['redis-wait'])).toEqual([{ preset: 'redis-wait', label: 'Redis + WAIT 1', overrides: {} }]);
  });

  it('names the valid presets when one is unknown', () => {
    const s = parseScenario(TWO, 'two.yaml');
    let error: unknown;
    try {
      selectPresets(s, ['memorydb', 'dynamo']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toBe(
      'preset selection: found "dynamo"; expected one of elasticache, redis-aof-always, redis-aof-everysec, ' +
        'redis-aof-no, redis-wait, redis-min-replicas, redis-sentinel, redis-cluster, memorydb, elasticache-durable-sync, elasticache-durable-async, "EC fast failover"',
    );
  });
});
