import { describe, expect, it } from 'vitest';
import { recountLostWriteIds } from '../../src/check/lineage-recount';
import { HistoryBuilder, termEvent } from './history-builder';

describe('lineage recount', () => {
  it('finds nothing lost without term changes or failovers', () => {
    const h = new HistoryBuilder().set(1, 'k', 'a', 0, 100, { term: 1, offset: 10 });
    expect(recountLostWriteIds(h.log(), [])).toEqual([]);
    expect(recountLostWriteIds(h.log(), [termEvent(0, 1, null, 0, 'a1', 'initial')])).toEqual([]);
  });

  it('drops what the promoted replica had not received', () => {
    const h = new HistoryBuilder()
      .set(1, 'k', 'v1', 0, 1_000, { term: 1, offset: 100 })
      .set(2, 'k', 'v2', 0, 2_000, { term: 1, offset: 200 })
      .set(3, 'k', 'v3', 0, 3_000, { term: 1, offset: 300 })
      .incr(4, 'c', 1, 0, 4_000, { term: 1, offset: 400 })
      .set(5, 'k', 'v5', 60_000, 61_000, { node: 'b1', term: 2, offset: 300 });
    const trace = [termEvent(0, 1, null, 0, 'a1', 'initial'), termEvent(50_000, 2, 1, 200, 'b1', 'promotion')];
    expect(recountLostWriteIds(h.log(), trace)).toEqual([3, 4]);
  });

  it('handles a split brain, a restart keeping a prefix, and acks after the fork', () => {
    const h = new HistoryBuilder()
      .set(1, 'k', 'v1', 0, 1_000, { term: 1, offset: 100 })
      .set(2, 'k', 'v2', 0, 2_000, { term: 1, offset: 200 })
      .set(3, 'k', 'v3', 0, 3_000, { term: 1, offset: 300 })
      .set(4, 'k', 'v4', 0, 4_000, { term: 1, offset: 400 })
      // b1 was promoted at 50 ms; the isolated a1 keeps acknowledging in term 1.
      .set(6, 'k', 'v6', 52_000, 55_000, { term: 1, offset: 500 })
      // Reached b1 before the fork but the reply got to the client after it: survives.
      .set(7, 'k', 'v7', 40_000, 51_000, { term: 1, offset: 150 })
      .set(5, 'k', 'v5', 56_000, 57_000, { node: 'b1', term: 2, offset: 300 })
      .set(8, 'k', 'v8', 58_000, 59_000, { node: 'b1', term: 2, offset: 400 })
      // b1 restarts from an AOF that reached offset 350, then takes new writes.
      .set(9, 'k', 'v9', 90_000, 91_000, { node: 'b1', term: 3, offset: 400 })
      // Refused and timed-out writes are not acknowledged, so they cannot be lost.
      .invoke(10, 60_000, 'SET', 'k', { arg: 'v10' })
      .info(10, 70_000)
      .invoke(11, 60_000, 'SET', 'k', { arg: 'v11' })
      .fail(11, 60_100);
    const trace = [
      termEvent(0, 1, null, 0, 'a1', 'initial'),
      termEvent(50_000, 2, 1, 200, 'b1', 'promotion'),
      termEvent(80_000, 3, 2, 350, 'b1', 'restart'),
    ];
    expect(recountLostWriteIds(h.log(), trace)).toEqual([3, 4, 6, 8]);
  });

  it('applies the tightest fork on the path to older terms', () => {
    // Term 2 kept term 1 up to 300; term 3 restarted from an AOF of term 2 that only reached 250.
    const h = new HistoryBuilder()
      .set(1, 'k', 'v1', 0, 1_000, { term: 1, offset: 240 })
      .set(2, 'k', 'v2', 0, 2_000, { term: 1, offset: 280 })
      .set(3, 'k', 'v3', 0, 9_000, { node: 'b1', term: 3, offset: 260 });
    const trace = [
      termEvent(0, 1, null, 0, 'a1', 'initial'),
      termEvent(5_000, 2, 1, 300, 'b1', 'promotion'),
      termEvent(8_000, 3, 2, 250, 'b1', 'restart'),
    ];
    expect(recountLostWriteIds(h.log(), trace)).toEqual([2]);
  });

  it('loses everything on an empty restart', () => {
    const h = new HistoryBuilder()
      .set(1, 'k', 'v1', 0, 1_000, { term: 1, offset: 100 })
      .set(2, 'k', 'v2', 0, 2_000, { term: 1, offset: 200 })
      .set(3, 'k', 'v3', 9_000, 10_000, { term: 2, offset: 14 });
    const trace = [termEvent(0, 1, null, 0, 'a1', 'initial'), termEvent(5_000, 2, null, 0, 'a1', 'restart')];
    expect(recountLostWriteIds(h.log(), trace)).toEqual([1, 2]);
  });

  it('drops a whole branch that the final term does not descend from', () => {
    const h = new HistoryBuilder()
      .set(1, 'k', 'v1', 0, 1_000, { term: 1, offset: 100 })
      .set(2, 'k', 'v2', 0, 6_000, { node: 'b1', term: 2, offset: 200 })
      .set(3, 'k', 'v3', 0, 9_000, { node: 'c1', term: 3, offset: 200 });
    const trace = [
      termEvent(0, 1, null, 0, 'a1', 'initial'),
      termEvent(5_000, 2, 1, 100, 'b1', 'promotion'),
      // Backup of term 1 restored after losing everything: term 2 never happened as far as data goes.
      termEvent(8_000, 3, 1, 100, 'c1', 'restore-backup'),
    ];
    expect(recountLostWriteIds(h.log(), trace)).toEqual([2]);
  });

  it('keeps every committed write across log-durable elections', () => {
    const h = new HistoryBuilder()
      .set(1, 'k', 'v1', 0, 1_000, { term: 1, offset: 1 })
      .set(2, 'k', 'v2', 0, 2_000, { term: 1, offset: 2 })
      .set(3, 'k', 'v3', 0, 9_000, { node: 'b1', term: 2, offset: 4 })
      .set(4, 'k', 'v4', 0, 19_000, { node: 'c1', term: 3, offset: 6 });
    const trace = [
      termEvent(0, 1, null, 0, 'a1', 'initial'),
      termEvent(5_000, 2, 1, 3, 'b1', 'election'),
      termEvent(15_000, 3, 2, 5, 'c1', 'election'),
    ];
    expect(recountLostWriteIds(h.log(), trace)).toEqual([]);
  });
});
