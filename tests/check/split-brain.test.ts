import { describe, expect, it } from 'vitest';
import { countsOf, folded, HistoryBuilder } from './history-builder';

describe('split-brain window', () => {
  // a1/term 1: [0, 20] ms; b1/term 2: [15, 30]; c1/term 3: [17, 18]; a1/term 4: [25, 40].
  const h = new HistoryBuilder()
    .set(1, 'k', 'v', 0, 0, { node: 'a1', term: 1 })
    .set(2, 'k', 'v', 9_000, 10_000, { node: 'a1', term: 1 })
    .set(3, 'k', 'v', 19_000, 20_000, { node: 'a1', term: 1 })
    .set(4, 'k', 'v', 14_000, 15_000, { node: 'b1', term: 2 })
    .incr(5, 'c', 1, 29_000, 30_000, { node: 'b1', term: 2 })
    .set(6, 'k', 'v', 16_000, 17_000, { node: 'c1', term: 3 })
    .set(7, 'k', 'v', 17_500, 18_000, { node: 'c1', term: 3 })
    .set(8, 'k', 'v', 24_000, 25_000, { node: 'a1', term: 4 })
    .set(9, 'k', 'v', 39_000, 40_000, { node: 'a1', term: 4 })
    // Reads and failed writes never count as acknowledgements.
    .get(10, 'k', 'v', 0, 50_000, { node: 'd1', term: 9 })
    .get(11, 'k', 'v', 0, 60_000, { node: 'd1', term: 9 })
    .invoke(12, 0, 'SET', 'k', { arg: 'x', node: 'e1' })
    .fail(12, 45_000, 'e1');

  it('lists one interval per node and term', () => {
    expect(folded(h).ackIntervals()).toEqual([
      { node: 'a1', term: 1, startMs: 0, endMs: 20, writes: 3 },
      { node: 'b1', term: 2, startMs: 15, endMs: 30, writes: 2 },
      { node: 'c1', term: 3, startMs: 17, endMs: 18, writes: 2 },
      { node: 'a1', term: 4, startMs: 25, endMs: 40, writes: 2 },
    ]);
  });

  it('measures time covered by two or more nodes, counting triple overlap once', () => {
    expect(countsOf(h, 0).splitBrainMs).toBe(10);
    expect(folded(h).splitBrainWindows()).toEqual([
      { startMs: 15, endMs: 17, nodes: ['a1', 'b1'] },
      { startMs: 17, endMs: 18, nodes: ['a1', 'b1', 'c1'] },
      { startMs: 18, endMs: 20, nodes: ['a1', 'b1'] },
      { startMs: 25, endMs: 30, nodes: ['a1', 'b1'] },
    ]);
  });

  it('does not count one node overlapping itself across terms', () => {
    const g = new HistoryBuilder()
      .set(1, 'k', 'v', 0, 0, { node: 'a1', term: 1 })
      .set(2, 'k', 'v', 0, 20_000, { node: 'a1', term: 1 })
      .set(3, 'k', 'v', 0, 10_000, { node: 'a1', term: 5 })
      .set(4, 'k', 'v', 0, 30_000, { node: 'a1', term: 5 });
    expect(countsOf(g, 0).splitBrainMs).toBe(0);
  });

  it('is zero for intervals that only touch', () => {
    const g = new HistoryBuilder()
      .set(1, 'k', 'v', 0, 0, { node: 'a1', term: 1 })
      .set(2, 'k', 'v', 0, 10_000, { node: 'a1', term: 1 })
      .set(3, 'k', 'v', 0, 10_000, { node: 'b1', term: 2 })
      .set(4, 'k', 'v', 0, 12_345, { node: 'b1', term: 2 });
    expect(countsOf(g, 0).splitBrainMs).toBe(0);
    expect(folded(g).splitBrainWindows()).toEqual([]);
  });

  it('keeps microsecond precision', () => {
    const g = new HistoryBuilder()
      .set(1, 'k', 'v', 0, 1_001, { node: 'a1', term: 1 })
      .set(2, 'k', 'v', 0, 3_003, { node: 'a1', term: 1 })
      .set(3, 'k', 'v', 0, 2_002, { node: 'b1', term: 2 })
      .set(4, 'k', 'v', 0, 9_000, { node: 'b1', term: 2 });
    expect(countsOf(g, 0).splitBrainMs).toBe(1.001);
  });
});
