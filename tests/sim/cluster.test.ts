// Cluster mode: hash slots and routing, the split of a cluster's run into its shards' runs, Redis
// Cluster's majority-of-primaries rules, and the cluster's figures put together from its shards'.
import { describe, expect, it } from 'vitest';
import { crc16, hashedPart, keySlot, shardOfSlot, slotStarts, SLOTS } from '../../src/sim/cluster/slots';
import { keysByShard, shardSpecs } from '../../src/sim/cluster/specs';
import { Cluster } from '../../src/sim/cluster/cluster';
import { simulateRun } from '../../src/sim/run';
import { summarize } from '../../src/check/summarize';
import { workloadKeyName } from '../../src/sim/history';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { runScenario } from '../../src/scenario/run-scenario';
import { readFileSync } from 'node:fs';
import { specFor } from './spec';

describe('hash slots', () => {
  it('CRC16 (XMODEM) and the slots of the cluster specification', () => {
    // The check value of CRC16/XMODEM, and CLUSTER KEYSLOT foo = 12182 in Redis.
    expect(crc16('123456789')).toBe(0x31c3);
    expect(keySlot('foo')).toBe(12182);
    // Hash tags: the first non-empty {...} is hashed.
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    expect(hashedPart('foo{}{bar}')).toBe('foo{}{bar}');
    expect(hashedPart('foo{{bar}}zap')).toBe('{bar');
    expect(hashedPart('foo{bar}{zap}')).toBe('bar');
    expect(hashedPart('{bar')).toBe('{bar');
  });

  it('split 16,384 slots into contiguous ranges that differ by at most one slot', () => {
    for (const n of [1, 2, 3, 5, 6, 10, 15, 100]) {
      const starts = slotStarts(n);
      expect(starts[0]).toBe(0);
      expect(starts[n]).toBe(SLOTS);
      const sizes = starts.slice(1).map((s, i) => s - starts[i]);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      for (let i = 0; i < n; i++) {
        expect(shardOfSlot(starts[i], starts)).toBe(i);
        expect(shardOfSlot(starts[i + 1] - 1, starts)).toBe(i);
      }
    }
  });
});

describe('a cluster cut into shards', () => {
  const spec = specFor('memorydb', { topology: { primary: 'a', replicas: ['b', 'c'], clients: ['a', 'b', 'c'], shards: 6, spread: true }, workload: { keys: 600 } });

  it('routes every key to the shard that owns its slot, each key to exactly one shard', () => {
    const byShard = keysByShard(spec);
    const starts = slotStarts(6);
    const seen = new Set<number>();
    byShard.forEach((keys, shard) => {
      for (const k of keys) {
        const slot = keySlot(workloadKeyName(k, 120));
        expect(slot).toBeGreaterThanOrEqual(starts[shard]);
        expect(slot).toBeLessThan(starts[shard + 1]);
        expect(seen.has(k)).toBe(false);
        seen.add(k);
      }
    });
    expect(seen.size).toBe(600);
  });

  it('gives each shard its share of the requests, its primaries spread over the AZs, and the faults that hit it', () => {
    const withFaults = { ...spec, faults: [{ atS: 5, fault: { kind: 'crash' as const, node: 's2.primary' } }, { atS: 6, fault: { kind: 'az-outage' as const, az: 'b' as const, durationS: 3 } }] };
    const shards = shardSpecs(withFaults);
    expect(shards.map((s) => s.topology.primary)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(shards[1].topology.replicas).toEqual(['c', 'a']);
    const total = shards.reduce((a, s) => a + s.workload.writesPerSec, 0);
    expect(total).toBeCloseTo(300, 9);
    for (const s of shards) expect(s.workload.writesPerSec).toBeCloseTo((300 * s.workload.keys) / 600, 9);
    expect(shards[1].faults.map((f) => f.fault)).toEqual([{ kind: 'crash', node: 'primary' }, { kind: 'az-outage', az: 'b', durationS: 3 }]);
    expect(shards[0].faults.map((f) => f.fault.kind)).toEqual(['az-outage']);
  });

  it("keeps a one-shard file the run it always was, and names keys by the scenario's key space", () => {
    const plain = specFor('elasticache', { durationS: 10 });
    const one = { ...plain, topology: { ...plain.topology, shards: 1 } };
    expect(simulateRun(one).traceHash).toBe(simulateRun(plain).traceHash);
    const cluster = new Cluster({ ...spec, durationS: 3 });
    cluster.runToEnd();
    const keys = new Set<string>();
    cluster.runs.forEach((run, shard) => {
      const h = run.w.historyLog;
      for (let i = 0; i < run.spec.workload.keys; i++) {
        const name = h.keyName(i);
        expect(keySlot(name)).toBeGreaterThanOrEqual(slotStarts(6)[shard]);
        keys.add(name);
      }
    });
    expect(keys.size).toBe(600);
  });

  it('is deterministic, and its trace hash changes when one shard does', () => {
    const run = (s: typeof spec) => simulateRun({ ...s, durationS: 5 }).traceHash;
    expect(run(spec)).toBe(run(spec));
    expect(run({ ...spec, faults: [{ atS: 2, fault: { kind: 'crash', node: 's4.primary' } }] })).not.toBe(run(spec));
  });

  it("adds up the shards' figures; RPO and RTO are the worst shard's", () => {
    const r = simulateRun({ ...specFor('elasticache', { ...spec, params: { ...specFor('elasticache').params, cache: { ...specFor('elasticache').params.cache, replicationDelayMs: 20 } } }), topology: spec.topology, workload: spec.workload, faults: [{ atS: 10, fault: { kind: 'crash', node: 's3.primary' } }] });
    const s = summarize(r, { linearizability: false });
    const shards = s.shards ?? [];
    expect(shards).toHaveLength(6);
    expect(s.acked).toBe(shards.reduce((a, x) => a + x.acked, 0));
    expect(s.lostAcked.length).toBe(shards.reduce((a, x) => a + x.lostAcked, 0));
    expect(s.rtoMs).toBe(Math.max(...shards.map((x) => x.rtoMs)));
    // Only shard 3 lost its primary: it alone has lost writes and a long write outage.
    expect(shards[2].lostAcked).toBeGreaterThan(0);
    expect(shards.filter((x, i) => i !== 2).every((x) => x.lostAcked === 0 && x.rtoMs < 2_000)).toBe(true);
    expect([...s.lostAcked].every((w) => w.node.startsWith('s3.') && w.reason.startsWith('shard s3:'))).toBe(true);
    expect(s.writeLatencyMs.count).toBe(shards.reduce((a, x) => a + x.acked, 0));
  });
});

describe("Redis Cluster's votes", () => {
  const cluster = (primary: 'a' | 'spread') =>
    specFor('redis-cluster', {
      topology: { primary: 'a', replicas: ['b', 'c'], clients: ['a', 'b', 'c'], shards: 6, ...(primary === 'spread' ? { spread: true } : {}) },
      workload: { keys: 600 },
      durationS: 60,
      faults: [{ atS: 10, fault: { kind: 'az-outage', az: 'a', durationS: 40 } }],
    });
  const promotions = (c: Cluster) => c.runs.map((r) => r.w.trace.filter((e) => e.type === 'term' && e.cause === 'promotion').length);

  it('with a majority of primaries left, each shard that lost its primary promotes a replica', () => {
    const c = new Cluster(cluster('spread'));
    c.runToEnd();
    // Primaries of s1 and s4 were in AZ a.
    expect(promotions(c)).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it('with most primaries unreachable, no shard fails over and the whole key space is down', () => {
    const c = new Cluster(cluster('a'));
    c.runToEnd();
    expect(promotions(c)).toEqual([0, 0, 0, 0, 0, 0]);
    const notes = c.runs[0].w.trace.filter((e) => e.type === 'note' && e.text.startsWith('cluster: no failover yet'));
    expect(notes.length).toBeGreaterThan(0);
    const s = summarize(simulateRun(cluster('a')), { linearizability: false });
    expect(s.rtoMs).toBeGreaterThan(39_000);
    // MemoryDB: every shard fails over through its own log.
    const m = summarize(simulateRun({ ...cluster('a'), presetId: 'memorydb', params: specFor('memorydb').params }), { linearizability: false });
    expect(m.lostAcked.length).toBe(0);
    expect(m.rtoMs).toBeLessThan(10_000);
  });

  it('a primary that reaches only a minority of the primaries stops taking requests after the node timeout', () => {
    // Five shards, primaries of s1–s4 in AZ a, s5's in b (turned once by spread would put it in b): make it by hand.
    const spec = specFor('redis-cluster', {
      topology: { primary: 'a', replicas: ['b', 'c'], clients: ['b', 'c'], shards: 5 },
      workload: { keys: 500 },
      durationS: 40,
      faults: [
        { atS: 2, fault: { kind: 'promote', node: 's5.b1' } },
        { atS: 5, fault: { kind: 'az-outage', az: 'a', durationS: 30 } },
      ],
    });
    const c = new Cluster(spec);
    c.runToEnd();
    const refused = c.runs[4].w.trace.find((e) => e.type === 'writes-refused');
    expect(refused && refused.type === 'writes-refused' ? refused.reason : '').toContain('minority');
    expect(refused!.t).toBeGreaterThanOrEqual(20e6);
    expect(refused!.t).toBeLessThan(22e6);
  });
});

describe('hot keys', () => {
  it('send their share of the requests to the hot keys, and to the shard that owns them', () => {
    const spec = specFor('elasticache', { workload: { writesPerSec: 2000, readsPerSec: 0, keys: 300, incrFraction: 0, hotKeys: { keys: 1, share: 0.6 } }, durationS: 5 });
    const r = simulateRun(spec);
    const h = r.historyLog;
    let hot = 0;
    let all = 0;
    for (let op = 1; op < h.key.length; op++) {
      if (h.invokeRowOf(op) < 0) continue;
      all++;
      if (h.keyName(h.key[op]) === 'k0') hot++;
    }
    expect(hot / all).toBeGreaterThan(0.58);
    expect(hot / all).toBeLessThan(0.62);
    const cluster = { ...spec, topology: { ...spec.topology, shards: 3 } };
    const shards = shardSpecs(cluster);
    const owner = shards.findIndex((s) => s.shard?.keys[0] === 0);
    const share = (i: number) => shards[i].workload.writesPerSec / 2000;
    expect(share(owner)).toBeCloseTo(0.6 + (0.4 * (shards[owner].workload.keys - 1)) / 299, 9);
    expect(shards.reduce((a, s) => a + s.workload.writesPerSec, 0)).toBeCloseTo(2000, 9);
  });

  it('hot-shard.yaml: the shard with the hot key falls behind on MemoryDB while the others idle', () => {
    const outcome = runScenario(parseScenario(readFileSync('scenarios/hot-shard.yaml', 'utf8'), 'hot-shard.yaml'), { linearizability: false });
    for (const run of outcome.runs) expect(run.expect?.failures ?? []).toEqual([]);
    const mdb = outcome.runs[1].summary.shards ?? [];
    const hot = mdb.reduce((best, s, i) => (s.writes > mdb[best].writes ? i : best), 0);
    expect(mdb[hot].rtoMs).toBeGreaterThan(1000);
    expect(mdb.filter((_, i) => i !== hot).every((s) => s.rtoMs === 0)).toBe(true);
  });
});

describe('a cluster at an instant', () => {
  it('is the same however the instant was reached: in one go, in uneven steps, or back from a checkpoint', () => {
    const spec = specFor('redis-cluster', {
      topology: { primary: 'a', replicas: ['b', 'c'], clients: ['a', 'b', 'c'], shards: 4, spread: true },
      workload: { keys: 400 },
      durationS: 30,
      faults: [{ atS: 3, fault: { kind: 'az-outage', az: 'a', durationS: 20 } }],
    });
    const once = new Cluster(spec);
    once.runUntil(25e6);
    const steps = new Cluster(spec);
    for (const t of [1, 99_999, 100_000, 3e6, 3_050_017, 17_777_777, 25e6]) steps.runUntil(t);
    expect(steps.traceHash()).toBe(once.traceHash());
    const back = new Cluster(spec);
    back.runUntil(10_050_000);
    const cp = back.checkpoint();
    back.runUntil(28e6);
    back.restore(cp);
    back.runUntil(25e6);
    expect(back.traceHash()).toBe(once.traceHash());
  });
});

describe('cluster scenario files', () => {
  it('parse, refuse node faults without a shard, and run to their expectations', () => {
    const text = readFileSync('scenarios/cluster-majority-lost.yaml', 'utf8');
    const scenario = parseScenario(text, 'cluster-majority-lost.yaml');
    expect(resolveRuns(scenario)[0].topology.shards).toBe(5);
    expect(() => parseScenario(text.replace('faults:\n', 'faults:\n  - { at: 5, kind: crash, node: primary }\n'), 'x.yaml')).toThrow(/faults\[0\]\.node.*s1\.primary … s5\.primary/s);
    expect(() => parseScenario(text.replace('keys: 5000', 'keys: 3'), 'x.yaml')).toThrow(/workload\.keys.*at least one key per shard/s);
    const outcome = runScenario(scenario, { linearizability: false });
    for (const run of outcome.runs) expect(run.expect?.failures ?? []).toEqual([]);
  });
});
