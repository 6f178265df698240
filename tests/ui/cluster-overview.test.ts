// The cluster overview's logic: where its columns go at a phone's, a laptop's and a projector's width, the
// words it gives screen readers, and what it reads from the shards' worlds (which shards take writes, the
// writable share of the hash slots, failovers, the last acknowledged write), equal however the instant
// was reached.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { clusterTimeMachine } from '../../src/sim/timemachine';
import { SLOTS, slotStarts } from '../../src/sim/cluster/slots';
import { clusterView, FailoverCounter, LastAck, type ClusterView, type ShardView } from '../../src/ui/worker/cluster-view';
import { column, HEAD_H, mostInOneAz, NODE_STEP, overviewLayout, overviewMarks, overviewSentence, ROW_H, shardWords, writesWord } from '../../src/ui/panes/cluster-layout';
import { AZS } from '../../src/sim/types';

function specsOf(file: string) {
  return resolveRuns(parseScenario(readFileSync(file, 'utf8'), file));
}

function shard(name: string, over: Partial<ShardView> = {}): ShardView {
  return {
    name,
    nodes: [
      { id: 'a1', az: 'a', role: 'primary', state: 'serving', refusing: '', reachable: true, endpoint: true },
      { id: 'b1', az: 'b', role: 'replica', state: 'serving', refusing: '', reachable: true, endpoint: false },
      { id: 'c1', az: 'c', role: 'replica', state: 'serving', refusing: '', reachable: true, endpoint: false },
    ],
    primary: 'a1',
    writable: true,
    lastAckUs: 1_000_000,
    queueMs: 0,
    failovers: 0,
    lost: 0,
    atRisk: 0,
    slots: 0,
    ...over,
  };
}

describe('overview layout', () => {
  it('puts the columns side by side without gaps or overlaps, as wide as it is given', () => {
    for (const width of [340, 560, 606, 860, 1800]) {
      const l = overviewLayout(width, 15);
      let x = 0;
      for (const c of l.columns) {
        expect(c.x, `${width}: ${c.key}`).toBe(x);
        expect(c.w).toBeGreaterThan(0);
        x += c.w;
      }
      expect(l.width).toBe(Math.max(width, x));
      // A phone's pane (about 340 px inside a 390 px screen) takes the whole grid without scrolling.
      expect(x, `${width}`).toBeLessThanOrEqual(width);
      expect(l.columns.map((c) => c.key)).toEqual(['shard', 'writes', 'a', 'b', 'c', 'failovers', 'lost', 'risk']);
    }
    expect(overviewLayout(340, 6).narrow).toBe(true);
    expect(overviewLayout(606, 6).narrow).toBe(false);
  });

  it('15 shards take 418 px: the grid fits under the controls of a 1280×720 screen', () => {
    const l = overviewLayout(606, 15);
    expect(l.height).toBe(HEAD_H + 15 * ROW_H + 2);
    expect(l.height).toBeLessThanOrEqual(420);
  });

  it('an AZ column holds every node a shard has there, scrolling sideways rather than overlapping them', () => {
    const l = overviewLayout(340, 3, 3);
    for (const az of AZS) expect(l.columns.find((c) => c.key === az)!.w).toBeGreaterThanOrEqual(3 * NODE_STEP);
    const two: ClusterView = { shards: [shard('s1', { nodes: [...shard('s1').nodes, { ...shard('s1').nodes[1], id: 'b2' }] })], writableSlots: SLOTS, totalSlots: SLOTS };
    expect(mostInOneAz(two)).toBe(2);
  });
});

describe('overview words', () => {
  it('one sentence: shards, how many take writes, the writable keyspace, then each shard in trouble', () => {
    const cluster: ClusterView = {
      shards: [shard('s1'), shard('s2', { writable: false, lastAckUs: 20_000_000, lost: 12, failovers: 0 }), shard('s3', { failovers: 1 })],
      writableSlots: 10_923,
      totalSlots: SLOTS,
    };
    expect(overviewSentence(cluster)).toBe('3 shards; 2 take writes; 67 % of the keyspace writable; shard s2: no writes since 20.0 s, 12 writes lost; 1 failover so far.');
    expect(overviewSentence({ shards: [shard('s1')], writableSlots: SLOTS, totalSlots: SLOTS })).toBe('1 shard; 1 take writes; 100 % of the keyspace writable; no failover so far.');
  });

  it('a shard whose primary holds requests past 0.1 s in its CPU queue takes writes slowly, and says so', () => {
    expect(writesWord(shard('s1', { queueMs: 99 }))).toBe('yes');
    expect(writesWord(shard('s1', { queueMs: 2_300 }))).toBe('slow');
    expect(writesWord(shard('s1', { queueMs: 2_300, writable: false }))).toBe('NO');
    const cluster: ClusterView = { shards: [shard('s1'), shard('s2', { queueMs: 2_300.4 })], writableSlots: SLOTS, totalSlots: SLOTS };
    expect(overviewSentence(cluster)).toBe('2 shards; 2 take writes; 100 % of the keyspace writable; shard s2: replies wait 2,300 ms for its CPU; no failover so far.');
    expect(shardWords(cluster.shards[1])).toMatch(/^Shard s2: takes writes; replies wait 2,300 ms for its CPU; a1 primary/);
  });

  it("a row's words name every node with its role, state and AZ", () => {
    const s = shard('s4', { writable: false, lastAckUs: 9_983_000, primary: 'b1', failovers: 1, lost: 3 });
    s.nodes[0] = { ...s.nodes[0], reachable: false };
    expect(shardWords(s)).toBe(
      'Shard s4: takes no writes since 10.0 s; a1 old primary, serving, cut off in AZ a; b1 replica, serving in AZ b; c1 replica, serving in AZ c; 1 failover; 3 acknowledged writes lost, 0 at risk.',
    );
  });
});

describe('cluster view from the shards', () => {
  const [redis, memorydb] = specsOf('scenarios/cluster-az-outage.yaml').map((s) => ({ ...s, durationS: 40 }));

  it('AZ a dark: the shards whose primary is there take no writes until one fails over', () => {
    const tm = clusterTimeMachine(redis);
    const starts = slotStarts(6);
    tm.seek(30e6);
    const v = clusterView(tm.sim.runs, new FailoverCounter(), new LastAck());
    // primary: spread puts s1 and s4's primaries in AZ a.
    expect(v.shards.map((s) => s.writable)).toEqual([false, true, true, false, true, true]);
    expect(v.writableSlots).toBe(SLOTS - (starts[1] - starts[0]) - (starts[4] - starts[3]));
    for (const s of v.shards.filter((x) => !x.writable)) {
      expect(s.lastAckUs).toBeGreaterThan(19e6);
      expect(s.lastAckUs).toBeLessThanOrEqual(20e6 + 5_000);
      expect(s.nodes.find((n) => n.id === s.primary)!.reachable).toBe(false);
    }
    for (const s of v.shards.filter((x) => x.writable)) expect(s.lastAckUs).toBeGreaterThan(29e6);
    expect(v.shards.every((s) => s.failovers === 0)).toBe(true);
    // After the 15 s node timeout each of them has promoted a replica and takes writes again.
    tm.seek(38e6);
    const after = clusterView(tm.sim.runs, new FailoverCounter(), new LastAck());
    expect(after.shards.every((s) => s.writable)).toBe(true);
    expect(after.writableSlots).toBe(SLOTS);
    expect(after.shards.map((s) => s.failovers)).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it('one hot shard: MemoryDB, which also appends every write to its log, cannot keep up on that shard alone', () => {
    const [elasticache, mdb] = specsOf('scenarios/hot-shard.yaml');
    const at = (spec: typeof mdb) => {
      const tm = clusterTimeMachine(spec);
      tm.seek(8e6);
      return clusterView(tm.sim.runs, new FailoverCounter(), new LastAck()).shards.map(writesWord);
    };
    expect(at(elasticache)).toEqual(['yes', 'yes', 'yes']);
    const words = at(mdb);
    expect(words.filter((w) => w === 'slow')).toHaveLength(1);
    expect(words.filter((w) => w === 'yes')).toHaveLength(2);
  });

  it('the same view at an instant whether it was reached straight or by seeking back and forth', () => {
    for (const spec of [redis, memorydb]) {
      const straight = clusterTimeMachine(spec);
      straight.seek(33e6);
      const want = clusterView(straight.sim.runs, new FailoverCounter(), new LastAck());

      const tm = clusterTimeMachine(spec);
      const failovers = new FailoverCounter();
      const lastAck = new LastAck();
      for (const t of [39e6, 5e6, 21e6, 36e6, 12e6, 33e6]) {
        tm.seek(t);
        clusterView(tm.sim.runs, failovers, lastAck);
      }
      expect(clusterView(tm.sim.runs, failovers, lastAck)).toEqual(want);
    }
  });
});

describe('a lesson highlight over the overview', () => {
  const cluster: ClusterView = { shards: [shard('s1'), shard('s2'), shard('s3')], writableSlots: SLOTS, totalSlots: SLOTS };
  const layout = overviewLayout(600, 3, 1);

  it("outlines an AZ's column over every row", () => {
    const look = overviewMarks([{ text: 'AZ b' }], layout, cluster)!;
    const c = column(layout, 'b');
    expect(look.words).toBe('AZ b');
    expect(look.boxes).toEqual([{ x: c.x + 1, y: 1, width: c.w - 2, height: layout.height - 2 }]);
  });

  it('outlines the whole grid for its pane, and a node by its id in every shard, inside its own AZ column', () => {
    expect(overviewMarks([{ text: 'this pane' }], layout, cluster)!.boxes).toEqual([{ x: 1, y: 1, width: layout.width - 2, height: layout.height - 2 }]);
    const look = overviewMarks([{ text: 'c1' }], layout, cluster)!;
    expect(look.words).toBe('c1 in every shard');
    expect(look.boxes).toHaveLength(3);
    const c = column(layout, 'c');
    look.boxes.forEach((b, i) => {
      expect(b.x).toBeGreaterThanOrEqual(c.x);
      expect(b.x + b.width).toBeLessThanOrEqual(c.x + c.w);
      expect(b.y).toBeGreaterThanOrEqual(HEAD_H + i * ROW_H);
      expect(b.y + b.height).toBeLessThanOrEqual(HEAD_H + (i + 1) * ROW_H);
    });
  });

  it('has nothing to outline for parts the overview does not draw', () => {
    expect(overviewMarks([{ text: 'clients' }, { text: 'transaction log' }], layout, cluster)).toBeNull();
    expect(overviewMarks([], layout, cluster)).toBeNull();
  });
});
