import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import type { ScenarioError } from '../../src/scenario/errors';
import { loaderError } from './loader-error';

const FILE = 'scenarios/bad.yaml';

/** A valid scenario with `body` appended at the top level. */
function scenario(body: string): string {
  return `title: Test
durationS: 60
presets: [elasticache, memorydb]
${body}`;
}

const errorOf = (text: string, source = FILE): ScenarioError => loaderError(text, source);

describe('parseScenario refuses bad input with a precise message', () => {
  it('malformed YAML: names file, line and column', () => {
    const e = errorOf('title: x\nworkload:\n  writesPerSec: [1, 2\nfoo: 1\n');
    expect(e.message).toBe(
      'scenarios/bad.yaml:4:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
    expect(e.issues[0]).toMatchObject({ line: 4, column: 1, path: '' });
  });

  it('duplicate keys are a syntax error at the second key', () => {
    expect(errorOf(scenario('durationS: 30\n')).message).toBe('scenarios/bad.yaml:4:1: YAML syntax error: Map keys must be unique');
  });

  it('an empty file says what a scenario needs', () => {
    expect(errorOf('# nothing here\n').message).toBe(
      'scenarios/bad.yaml: found an empty document; expected a mapping with at least title, durationS and presets',
    );
  });

  it('a scalar document asks for a mapping', () => {
    expect(errorOf('42\n').message).toBe('scenarios/bad.yaml:1:1: found 42; expected a mapping (key: value)');
  });

  it('unknown key: points at the key, lists the valid ones and suggests the nearest', () => {
    const e = errorOf(scenario('workload:\n  writesPerSec: 10\n  readPerSec: 5\n'));
    expect(e.message).toBe(
      'scenarios/bad.yaml:6:3: workload.readPerSec: unknown key "readPerSec"; expected one of writesPerSec, readsPerSec, closedLoop, writeFraction, ' +
        'keys, valueBytes, incrFraction, readFromReplicas, hotKeys (did you mean "readsPerSec"?)',
    );
  });

  it('a misspelt required key gives both the unknown key and the missing one', () => {
    const e = errorOf('title: T\nduration: 60\npresets: [memorydb]\n');
    expect(e.message.split('\n')).toEqual([
      'scenarios/bad.yaml:1:1: durationS: missing; expected a number',
      expect.stringMatching(/^scenarios\/bad\.yaml:2:1: duration: unknown key "duration"; expected one of title, .*\(did you mean "durationS"\?\)$/),
    ]);
  });

  it('wrong type', () => {
    expect(errorOf('title: T\ndurationS: sixty\npresets: [memorydb]\n').message).toBe(
      'scenarios/bad.yaml:2:12: durationS: found "sixty"; expected a number',
    );
  });

  it('a non-integer where a whole number is needed', () => {
    expect(errorOf(scenario('workload: { keys: 2.5 }\n')).message).toBe(
      'scenarios/bad.yaml:4:19: workload.keys: found 2.5; expected a whole number',
    );
  });

  it('negative values', () => {
    const e = errorOf(scenario('workload:\n  writesPerSec: -5\nfaults:\n  - { at: -1, kind: crash, node: a1 }\n'));
    expect(e.message.split('\n')).toEqual([
      'scenarios/bad.yaml:5:17: workload.writesPerSec: found -5; expected a number at least 0',
      'scenarios/bad.yaml:7:11: faults[0].at: found -1; expected a number at least 0',
    ]);
  });

  it('10^9 writes per second', () => {
    expect(errorOf(scenario('workload: { writesPerSec: 1e9 }\n')).message).toBe(
      'scenarios/bad.yaml:4:27: workload.writesPerSec: found 1000000000; expected a number at most 1000000',
    );
  });

  it('ten years of simulated time', () => {
    expect(errorOf('title: T\ndurationS: 315360000\npresets: [memorydb]\n').message).toBe(
      'scenarios/bad.yaml:2:12: durationS: found 315360000; expected a number at most 3600',
    );
  });

  it('an infinite duration', () => {
    expect(errorOf('title: T\ndurationS: .inf\npresets: [memorydb]\n').message).toBe(
      'scenarios/bad.yaml:2:12: durationS: found Infinity; expected a finite number',
    );
  });

  it('more operations per preset than a run may hold', () => {
    const e = errorOf('title: T\ndurationS: 3600\npresets: [memorydb]\nworkload: { writesPerSec: 1000, readsPerSec: 1000 }\n');
    expect(e.message).toBe(
      'scenarios/bad.yaml:4:1: workload: found (1000 writes/s + 1000 reads/s) × 3600 s = 7200000 operations per preset; ' +
        'expected at most 5000000 (lower the rates or durationS)',
    );
  });

  it('more than the panes may hold together in a browser tab, with the numbers the estimate is made of', () => {
    // Within every per-preset limit (5,000,000 operations each), but two such runs side by side would not fit.
    const e = errorOf('title: T\ndurationS: 25\npresets: [elasticache, memorydb]\nworkload: { writesPerSec: 100000, readsPerSec: 100000 }\n');
    expect(e.message).toBe(
      'scenarios/bad.yaml:4:1: workload: found 2 presets × 5,050,000 operations (× 125 bytes) and 1,000 keys × 3 nodes, about 1,523 MB to run; ' +
        'expected at most 1,200 MB (fewer presets, lower rates, a shorter durationS or fewer keys)',
    );
    // The same rates for 18 s fit; a million keys on six nodes take their share of the budget too.
    expect(() => parseScenario('title: T\ndurationS: 18\npresets: [elasticache, memorydb]\nworkload: { writesPerSec: 100000, readsPerSec: 100000 }\n', 'ok.yaml')).not.toThrow();
    expect(errorOf('title: T\ndurationS: 18\ntopology: { replicas: [b, c, a, b, c] }\npresets: [elasticache, memorydb]\nworkload: { writesPerSec: 100000, readsPerSec: 100000, keys: 1000000 }\n').message).toMatch(
      /found 2 presets × 3,636,000 operations \(× 125 bytes\) and 1,000,000 keys × 6 nodes, about [\d,]+ MB to run; expected at most 1,200 MB/,
    );
  });

  it('six replicas', () => {
    expect(errorOf(scenario('topology: { replicas: [b, c, b, c, b, c] }\n')).message).toBe(
      'scenarios/bad.yaml:4:23: topology.replicas: found ["b","c","b","c","b","c"]; expected at most 5 items',
    );
  });

  it('10^6 replicas: the file is refused for its size before parsing', () => {
    const replicas = Array.from({ length: 1_000_000 }, () => 'b').join(', ');
    const e = errorOf(scenario(`topology: { replicas: [${replicas}] }\n`));
    expect(e.message).toMatch(/^scenarios\/bad\.yaml: found a file of \d+ bytes; expected at most 262144 bytes \(256 KiB\)$/);
  });

  it('an oversized file is refused before parsing', () => {
    const text = scenario(`description: "${'x'.repeat(300 * 1024)}"\n`);
    expect(errorOf(text).message).toBe('scenarios/bad.yaml: found a file of 307275 bytes; expected at most 262144 bytes (256 KiB)');
  });

  it('a billion-laughs alias bomb fails fast instead of expanding', () => {
    let text = 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    let prev = 'a';
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
      text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
      prev = name;
    }
    const started = performance.now();
    const e = errorOf(text);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(e.message).toBe(
      'scenarios/bad.yaml:4:8: found 190 YAML alias expansions up to this *c; expected at most 100 ' +
        '(each use of an alias counts, and so does each alias inside the value it copies)',
    );
  });

  it('an alias to an anchor that does not exist', () => {
    expect(errorOf(scenario('workload: *nowhere\n')).message).toBe(
      'scenarios/bad.yaml:4:11: YAML error: Unresolved alias (the anchor must be set before the alias): nowhere',
    );
  });

  it('a fault naming a node the topology does not have', () => {
    const e = errorOf(scenario('faults:\n  - { at: 20, kind: crash, node: c2 }\n'));
    expect(e.message).toBe(
      'scenarios/bad.yaml:5:34: faults[0].node: found "c2"; expected a node of this topology: a1, b1, c1, primary, replica',
    );
  });

  it('node ids count the primary first within its AZ', () => {
    const body = 'topology: { primary: a, replicas: [a, b] }\nfaults:\n  - { at: 1, kind: crash, node: a2 }\n  - { at: 2, kind: crash, node: a3 }\n';
    expect(errorOf(scenario(body)).message).toBe(
      'scenarios/bad.yaml:7:33: faults[1].node: found "a3"; expected a node of this topology: a1, a2, b1, primary, replica',
    );
  });

  it('"replica" needs a replica to exist', () => {
    const body = 'topology: { replicas: [] }\nfaults:\n  - { at: 1, kind: reboot, node: replica }\n';
    expect(errorOf(scenario(body)).message).toBe(
      'scenarios/bad.yaml:6:34: faults[0].node: found "replica"; expected a node of this topology: a1, primary',
    );
  });

  it('a node id that is not an id at all', () => {
    expect(errorOf(scenario('faults:\n  - { at: 1, kind: crash, node: leader }\n')).message).toBe(
      'scenarios/bad.yaml:5:33: faults[0].node: found "leader"; expected a node id such as "a1" or "b2", or "primary" or "replica"; in a cluster with its shard, such as "s2.primary"',
    );
  });

  it('a fault after the end of the run', () => {
    expect(errorOf(scenario('faults:\n  - { at: 61, kind: power-loss }\n')).message).toBe(
      'scenarios/bad.yaml:5:11: faults[0].at: found 61; expected a time within the run (at most durationS = 60)',
    );
  });

  it('a replica priority for a node the topology does not have names the field and the nodes it has', () => {
    expect(errorOf(scenario('topology:\n  replicaPriority: { b1: 1, x9: 5 }\n')).message).toBe(
      'scenarios/bad.yaml:5:29: topology.replicaPriority.x9: found "x9"; expected a node of this topology: a1, b1, c1',
    );
    expect(errorOf(scenario('topology:\n  replicaPriority: { c1: -1 }\n')).message).toMatch(/^scenarios\/bad\.yaml:5:\d+: topology\.replicaPriority\.c1: /);
  });

  it('an unknown fault kind lists the kinds', () => {
    expect(errorOf(scenario('faults:\n  - { at: 1, kind: meteor }\n')).message).toBe(
      'scenarios/bad.yaml:5:20: faults[0].kind: found "meteor"; expected one of crash, restart, reboot, host-loss, ' +
        'az-outage, az-recover, az-isolate, az-heal, power-loss, power-restore, link-delay, link-stall, link-heal, fsync-stall, promote',
    );
  });

  it('a field of another fault kind is an unknown key for this kind', () => {
    expect(errorOf(scenario('faults:\n  - { at: 1, kind: crash, node: a1, az: b }\n')).message).toBe(
      'scenarios/bad.yaml:5:37: faults[0].az: unknown key "az"; expected one of at, kind, node',
    );
  });

  it('an expect entry naming a preset that is not compared', () => {
    expect(errorOf(scenario('expect:\n  redis-wait: { lostAcked: 0 }\n')).message).toBe(
      'scenarios/bad.yaml:5:3: expect.redis-wait: found "redis-wait", which is not among the presets; expected one of ' +
        '"ElastiCache (async)", "elasticache", "MemoryDB (log)", "memorydb"',
    );
  });

  it('an expect metric that does not exist, and an empty comparison', () => {
    const e = errorOf(scenario('expect:\n  memorydb:\n    lost: 0\n    rpoMs: {}\n'));
    expect(e.message.split('\n')).toEqual([
      'scenarios/bad.yaml:6:5: expect.memorydb.lost: unknown key "lost"; expected one of lostAcked, acked, rpoMs, rtoMs, ' +
        'readRtoMs, staleReads, splitBrainMs, unknownWrites, refusedWrites, writeP50Ms, writeP99Ms, readP50Ms, readP99Ms, ' +
        'linearizable (did you mean "lostAcked"?)',
      'scenarios/bad.yaml:7:12: expect.memorydb.rpoMs: found {}; expected at least one of eq, gt, gte, lt, lte',
    ]);
  });

  it('an unknown preset id lists the preset ids', () => {
    expect(errorOf('title: T\ndurationS: 60\npresets: [elasticache, memorydv]\n').message).toBe(
      'scenarios/bad.yaml:3:24: presets[1]: found "memorydv"; expected one of elasticache, redis-aof-always, ' +
        'redis-aof-everysec, redis-aof-no, redis-wait, redis-min-replicas, redis-sentinel, redis-cluster, memorydb, elasticache-durable-sync, elasticache-durable-async',
    );
  });

  it('two entries of one preset need distinct labels', () => {
    expect(errorOf('title: T\ndurationS: 60\npresets: [elasticache, elasticache]\n').message).toBe(
      'scenarios/bad.yaml:3:24: presets[1]: found "ElastiCache (async)"; expected a label different from presets[0] (give one of them a label:)',
    );
  });

  it('bad overrides are reported at their full path', () => {
    const body = `presets:
  - preset: elasticache
    overrides:
      network: { crossAzRttMs: 5000 }
      cache: { aof: { fsync: sometimes }, failover: { isolatedPrimaryStopsAfterMs: soon } }
      netwrk: {}
`;
    const e = errorOf(`title: T\ndurationS: 60\n${body}`);
    expect(e.message.split('\n')).toEqual([
      'scenarios/bad.yaml:6:32: presets[0].overrides.network.crossAzRttMs: found 5000; expected a number at most 1000',
      'scenarios/bad.yaml:7:30: presets[0].overrides.cache.aof.fsync: found "sometimes"; expected one of always, everysec, no',
      'scenarios/bad.yaml:7:84: presets[0].overrides.cache.failover.isolatedPrimaryStopsAfterMs: found "soon"; expected a number of ms, or null for never',
      'scenarios/bad.yaml:8:7: presets[0].overrides.netwrk: unknown key "netwrk"; expected one of family, network, client, server, cache, durable (did you mean "network"?)',
    ]);
  });

  it('long values are cut to 60 characters', () => {
    const e = errorOf(`title: T\ndurationS: 60\npresets: [elasticache]\nseed: "${'9'.repeat(100)}"\n`);
    const found = /found (.*); expected/.exec(e.message)![1];
    expect(found).toHaveLength(60);
    expect(found.endsWith('…')).toBe(true);
  });

  it('lists at most 10 problems, then counts the rest, top to bottom', () => {
    const faults = Array.from({ length: 14 }, (_, i) => `  - { at: ${i}, kind: crash, node: z${i} }`).join('\n');
    const lines = errorOf(scenario(`faults:\n${faults}\n`)).message.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^scenarios\/bad\.yaml:5:\d+: faults\[0\]\.node: found "z0"/);
    expect(lines[9]).toMatch(/^scenarios\/bad\.yaml:14:\d+: faults\[9\]\.node/);
    expect(lines[10]).toBe('scenarios/bad.yaml: … and 4 more problems');
  });

  it('names the source it was given', () => {
    expect(errorOf('title: T\n', 'URL parameter').message).toMatch(/^URL parameter:1:1: durationS: missing; expected a number/);
    expect(errorOf('title: T\n').name).toBe('ScenarioError');
  });
});
