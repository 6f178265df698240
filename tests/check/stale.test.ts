import { describe, expect, it } from 'vitest';
import { folded, HistoryBuilder } from './history-builder';

describe('stale reads', () => {
  const h = new HistoryBuilder()
    .set(1, 'k', 'v1', 0, 1_000, { seq: 1 })
    .set(2, 'k', 'v2', 1_500, 3_000, { seq: 2 })
    // W2 not acknowledged yet when R10 was sent: not stale.
    .get(10, 'k', 'v1', 2_000, 2_200, { writeId: 1, writeSeq: 1 })
    // Sent exactly when W2 was acknowledged: "strictly before" does not hold, not stale.
    .get(11, 'k', 'v1', 3_000, 3_200, { writeId: 1, writeSeq: 1 })
    .get(12, 'k', 'v1', 4_000, 4_300, { writeId: 1, writeSeq: 1, node: 'b1', fromReplica: true, lagMs: 2.5 })
    // Key absent counts as older than any write.
    .get(13, 'k', null, 5_000, 5_100, { writeId: null, writeSeq: null })
    .get(14, 'k', 'v2', 5_000, 5_100, { writeId: 2, writeSeq: 2 })
    // No writes at all on j.
    .get(15, 'j', null, 5_000, 5_100, { writeId: null, writeSeq: null })
    // A failed read reveals nothing.
    .invoke(16, 6_000, 'GET', 'k')
    .fail(16, 6_100);

  it('counts reads that missed an acknowledged newer write', () => {
    const r = folded(h).staleReads();
    expect(r.count).toBe(2);
    expect(r.fromReplica).toBe(1);
    expect(r.fromPrimary).toBe(1);
    expect(r.samples).toEqual([
      { op: 12, key: 'k', atMs: 4, node: 'b1', lagMs: 2.5 },
      { op: 13, key: 'k', atMs: 5, node: 'a1', lagMs: 0 },
    ]);
  });

  it('uses seq order, not acknowledgement order', () => {
    // W2 was applied first (seq 5) but acknowledged later than W1 (seq 6): returning W1 is fresh.
    const g = new HistoryBuilder()
      .set(1, 'k', 'a', 0, 2_000, { seq: 6 })
      .set(2, 'k', 'b', 0, 3_000, { seq: 5 })
      .get(3, 'k', 'a', 4_000, 4_100, { writeId: 1, writeSeq: 6 })
      .get(4, 'k', 'b', 4_000, 4_100, { writeId: 2, writeSeq: 5 });
    const r = folded(g).staleReads();
    expect(r.count).toBe(1);
    expect(r.samples.map((s) => s.op)).toEqual([4]);
  });

  it('counts INCRs as writes', () => {
    const g = new HistoryBuilder().incr(1, 'c', 1, 0, 100, { seq: 1 }).get(2, 'c', null, 200, 300, { writeSeq: null });
    expect(folded(g).staleReads().count).toBe(1);
  });

  it('caps the samples but not the count', () => {
    const g = new HistoryBuilder().set(1, 'k', 'new', 0, 100, { seq: 9 });
    for (let i = 0; i < 250; i++) g.get(100 + i, 'k', null, 1_000 + i, 2_000 + i, { writeSeq: null, fromReplica: true, lagMs: 1 });
    const r = folded(g).staleReads();
    expect(r.count).toBe(250);
    expect(r.fromReplica).toBe(250);
    expect(r.samples).toHaveLength(200);
    expect(r.samples[199].op).toBe(299);
    expect(r.samples.slice(0, 3).map((s) => s.op)).toEqual([100, 101, 102]);
  });
});
