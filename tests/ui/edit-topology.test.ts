// Setup's cluster fields are edits of the scenario file: shards and where their primaries are, written into
// `topology` (one shard written as no `shards`), faults on shards no longer there dropped, too few keys
// refused with the loader's message; the result runs as a cluster of that many shards.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { ScenarioError } from '../../src/scenario/errors';
import { simulateRun } from '../../src/sim/run';
import { editScenario, primaryPlacement } from '../../src/ui/share/edit';
import { checkWorkload } from '../../src/ui/controls/workload-check';

const SINGLE = 'scenarios/primary-crash.yaml';
const CLUSTER = 'scenarios/cluster-az-outage.yaml';
const read = (f: string) => readFileSync(f, 'utf8');

describe("Setup's cluster fields", () => {
  it('make a single-shard scenario a cluster with spread primaries, and it runs as one', () => {
    const text = editScenario(read(SINGLE), SINGLE, { topology: { shards: 3, primary: 'spread' } });
    const s = parseScenario(text, SINGLE);
    expect(s.topology.shards).toBe(3);
    expect(primaryPlacement(s.topology)).toBe('spread');
    // Everything else is the file as it was.
    expect(s.workload).toEqual(parseScenario(read(SINGLE), SINGLE).workload);
    // The single shard's crash of its primary is shard s1's now.
    const before = parseScenario(read(SINGLE), SINGLE).faults;
    expect(s.faults).toEqual(before.map((f) => ('node' in f.fault ? { ...f, fault: { ...f.fault, node: `s1.${f.fault.node}` } } : f)));
    expect(before.some((f) => 'node' in f.fault)).toBe(true);
    const spec = resolveRuns(s)[0];
    const run = simulateRun({ ...spec, durationS: 5 });
    expect(run.shards?.length).toBe(3);
    expect(run.shards?.map((r) => r.spec.topology.primary)).toEqual(['a', 'b', 'c']);
  });

  it('leave the text alone when nothing changes', () => {
    const t = read(CLUSTER);
    const s = parseScenario(t, CLUSTER);
    expect(editScenario(t, CLUSTER, { topology: { shards: s.topology.shards, primary: primaryPlacement(s.topology) } })).toBe(t);
  });

  it('write one shard as no cluster, and drop the faults on shards that are gone', () => {
    const t = `title: t\ndurationS: 20\ntopology: { shards: 4, primary: a, replicas: [b, c] }\npresets: [elasticache, memorydb]\nworkload: { writesPerSec: 100, readsPerSec: 100, keys: 400 }\nfaults:\n  - { at: 5, kind: crash, node: s4.primary }\n  - { at: 6, kind: crash, node: s2.primary }\n  - { at: 7, kind: az-outage, az: b, durationS: 3 }\n`;
    const two = parseScenario(editScenario(t, 'f.yaml', { topology: { shards: 2 } }), 'f.yaml');
    expect(two.topology.shards).toBe(2);
    expect(two.faults.map((f) => ('node' in f.fault ? f.fault.node : f.fault.kind))).toEqual(['s2.primary', 'az-outage']);
    const oneText = editScenario(t, 'f.yaml', { topology: { shards: 1, primary: 'c' } });
    expect(oneText).not.toMatch(/shards/);
    const one = parseScenario(oneText, 'f.yaml');
    expect(one.topology.shards ?? 1).toBe(1);
    expect(one.topology.primary).toBe('c');
    expect(one.faults.map((f) => f.fault.kind)).toEqual(['az-outage']);
    // s1's fault becomes the single shard's; the others' shards are gone.
    const back = parseScenario(editScenario(t.replace('s2.primary', 's1.b1'), 'f.yaml', { topology: { shards: 1 } }), 'f.yaml');
    expect(back.faults.map((f) => ('node' in f.fault ? f.fault.node : f.fault.kind))).toEqual(['b1', 'az-outage']);
  });

  it('refuse more shards than keys, in the form and in the file', () => {
    const t = `title: t\ndurationS: 20\ntopology: { primary: a, replicas: [b, c] }\npresets: [elasticache, memorydb]\nworkload: { writesPerSec: 100, readsPerSec: 100, keys: 3 }\n`;
    expect(() => editScenario(t, 'f.yaml', { topology: { shards: 5 } })).toThrow(ScenarioError);
    expect(() => editScenario(t, 'f.yaml', { topology: { shards: 5 } })).toThrow(/at least one key per shard/);
    const check = checkWorkload({ writesPerSec: 100, readsPerSec: 100, keys: '3', valueBytes: '100', durationS: 20, shards: 5 });
    expect(check.keys).toMatch(/3 is too few for 5 shards/);
    expect(check.ok).toBeUndefined();
    expect(checkWorkload({ writesPerSec: 100, readsPerSec: 100, keys: '5', valueBytes: '100', durationS: 20, shards: 5 }).ok).toEqual({ keys: 5, valueBytes: 100 });
  });
});
