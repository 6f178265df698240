import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkKeys, checkLinearizability } from '../../src/check/linearizability';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { simulateRun } from '../../src/sim/run';
import { HistoryBuilder, keyed } from './history-builder';

describe('linearizability: registers', () => {
  it('accepts a concurrent history that needs a non-obvious order', () => {
    // W1 and W2 overlap entirely; the reads force W2 (the later id) to take effect first.
    const h = new HistoryBuilder()
      .set(1, 'x', 'a', 0, 100_000)
      .set(2, 'x', 'b', 0, 100_000)
      .get(3, 'x', 'b', 10_000, 20_000)
      .get(4, 'x', 'a', 30_000, 40_000)
      .get(5, 'x', 'a', 110_000, 120_000)
      // A read overlapping a write may see either value.
      .set(6, 'y', 'p', 0, 10)
      .set(7, 'y', 'q', 20, 100)
      .get(8, 'y', 'p', 30, 40)
      .get(9, 'y', 'q', 50, 60)
      .get(10, 'y', null, 0, 5);
    expect(checkKeys(keyed(h.events))).toEqual({ status: 'linearizable', keysChecked: 2 });
  });

  it('rejects reading an older value after a newer write was acknowledged (stale read from the primary)', () => {
    const h = new HistoryBuilder()
      .set(1, 'a', 'fine', 0, 100)
      .get(2, 'a', 'fine', 200, 300)
      .set(3, 'x', 'old', 0, 1_000)
      .set(4, 'x', 'new', 2_000, 3_000)
      .get(5, 'x', 'old', 4_000, 5_000);
    const v = checkKeys(keyed(h.events));
    expect(v.status).toBe('violation');
    if (v.status !== 'violation') return;
    expect(v.key).toBe('x');
    expect(v.keysChecked).toBe(2);
    expect(v.ops).toContain(4);
    expect(v.ops).toContain(5);
    expect(v.ops.length).toBeLessThanOrEqual(4);
  });

  it('rejects a value that was never written', () => {
    const h = new HistoryBuilder().set(1, 'x', 'a', 0, 10).get(2, 'x', 'zzz', 20, 30);
    expect(checkKeys(keyed(h.events))).toMatchObject({ status: 'violation', key: 'x' });
  });

  it('accepts a reply arriving at the same microsecond as the next request', () => {
    const h = new HistoryBuilder().set(1, 'x', 'a', 0, 10).get(2, 'x', null, 10, 20);
    expect(checkKeys(keyed(h.events)).status).toBe('linearizable');
  });
});

describe('linearizability: unknown and refused outcomes', () => {
  const base = () => new HistoryBuilder().set(1, 'x', 'a', 0, 1_000).invoke(2, 2_000, 'SET', 'x', { arg: 'b' }).info(2, 5_000);

  it('accepts a timed-out write that took effect', () => {
    const h = base().get(3, 'x', 'b', 10_000, 11_000);
    expect(checkKeys(keyed(h.events)).status).toBe('linearizable');
  });

  it('accepts a timed-out write that took effect long after the timeout', () => {
    const h = base().get(3, 'x', 'a', 10_000, 11_000).get(4, 'x', 'b', 20_000, 21_000);
    expect(checkKeys(keyed(h.events)).status).toBe('linearizable');
  });

  it('accepts a timed-out write that never took effect', () => {
    const h = base().get(3, 'x', 'a', 10_000, 11_000).set(4, 'x', 'c', 12_000, 13_000).get(5, 'x', 'c', 14_000, 15_000);
    expect(checkKeys(keyed(h.events)).status).toBe('linearizable');
  });

  it('rejects a timed-out write that would have to take effect twice', () => {
    const h = base().get(3, 'x', 'b', 10_000, 11_000).get(4, 'x', 'a', 12_000, 13_000);
    const v = checkKeys(keyed(h.events));
    expect(v).toMatchObject({ status: 'violation', key: 'x' });
  });

  it('accepts a write still pending at the end of the run that was observed', () => {
    const h = new HistoryBuilder().invoke(1, 0, 'SET', 'x', { arg: 'p' }).get(2, 'x', 'p', 5_000, 6_000);
    expect(checkKeys(keyed(h.events)).status).toBe('linearizable');
  });

  it('rejects observing a refused write', () => {
    const h = new HistoryBuilder()
      .set(1, 'x', 'a', 0, 1_000)
      .invoke(2, 2_000, 'SET', 'x', { arg: 'b' })
      .fail(2, 2_100)
      .get(3, 'x', 'b', 10_000, 11_000);
    expect(checkKeys(keyed(h.events))).toMatchObject({ status: 'violation', key: 'x' });
  });

  it('rejects a timed-out write observed before it was sent', () => {
    const h = new HistoryBuilder().get(1, 'x', 'b', 0, 1_000).invoke(2, 2_000, 'SET', 'x', { arg: 'b' }).info(2, 5_000);
    expect(checkKeys(keyed(h.events))).toMatchObject({ status: 'violation', key: 'x', ops: [1] });
  });

  it('ignores reads with unknown outcome', () => {
    const h = new HistoryBuilder().set(1, 'x', 'a', 0, 1_000).invoke(2, 2_000, 'GET', 'x').info(2, 3_000);
    expect(checkKeys(keyed(h.events))).toEqual({ status: 'linearizable', keysChecked: 1 });
  });

  it('copes with hundreds of timed-out writes nobody observed', () => {
    const h = new HistoryBuilder().set(1, 'x', 'a', 0, 1_000);
    for (let i = 0; i < 400; i++) h.invoke(10 + i, 2_000 + i, 'SET', 'x', { arg: `t${i}` }).info(10 + i, 900_000 + i);
    let t = 1_000_000;
    for (let i = 0; i < 300; i++, t += 1_000) h.get(1_000 + i, 'x', 'a', t, t + 500);
    h.get(2_000, 'x', 't7', t, t + 500);
    expect(checkKeys(keyed(h.events)).status).toBe('linearizable');
  });
});

describe('linearizability: INCR counters', () => {
  it('accepts concurrent increments in either order', () => {
    const h = new HistoryBuilder()
      .incr(1, 'c', 1, 0, 10)
      .incr(2, 'c', 2, 20, 30)
      .incr(3, 'c', 4, 40, 60)
      .incr(4, 'c', 3, 45, 55)
      .get(5, 'c', 4, 70, 80)
      .get(6, 'c', '4', 90, 100); // Redis replies with the string form; both mean 4
    expect(checkKeys(keyed(h.events)).status).toBe('linearizable');
  });

  it('rejects two sequential increments returning the same value', () => {
    const h = new HistoryBuilder().incr(1, 'c', 1, 0, 10).incr(2, 'c', 1, 20, 30);
    expect(checkKeys(keyed(h.events))).toEqual({ status: 'violation', keysChecked: 1, key: 'c', ops: [1, 2] });
  });

  it('accepts a timed-out increment whether or not it took effect', () => {
    const applied = new HistoryBuilder().incr(1, 'c', 1, 0, 10).invoke(2, 20, 'INCR', 'c').info(2, 1_000).incr(3, 'c', 3, 2_000, 2_010);
    const skipped = new HistoryBuilder().incr(1, 'c', 1, 0, 10).invoke(2, 20, 'INCR', 'c').info(2, 1_000).incr(3, 'c', 2, 2_000, 2_010);
    expect(checkKeys(keyed(applied.events)).status).toBe('linearizable');
    expect(checkKeys(keyed(skipped.events)).status).toBe('linearizable');
  });

  it('bounds what many timed-out increments can explain, quickly', () => {
    const build = (last: number) => {
      const h = new HistoryBuilder().incr(1, 'c', 1, 0, 10);
      for (let i = 0; i < 50; i++) h.invoke(100 + i, 100 + i, 'INCR', 'c').info(100 + i, 10_000 + i);
      return h.incr(999, 'c', last, 20_000, 20_010);
    };
    expect(checkKeys(keyed(build(26).events)).status).toBe('linearizable');
    expect(checkKeys(keyed(build(52).events)).status).toBe('linearizable');
    expect(checkKeys(keyed(build(53).events))).toMatchObject({ status: 'violation', key: 'c' });
  });

  it('builds on a numeric SET and refuses to increment a non-numeric one', () => {
    const numeric = new HistoryBuilder().set(1, 'c', '41', 0, 10).incr(2, 'c', 42, 20, 30);
    const text = new HistoryBuilder().set(1, 'c', 'abc', 0, 10).incr(2, 'c', 1, 20, 30);
    expect(checkKeys(keyed(numeric.events)).status).toBe('linearizable');
    expect(checkKeys(keyed(text.events))).toMatchObject({ status: 'violation', key: 'c' });
  });
});

describe('linearizability: budgets and scale', () => {
  it('gives up on keys with too many operations but still checks the others', () => {
    const h = new HistoryBuilder();
    for (let i = 0; i < 5; i++) h.set(i + 1, 'big', `v${i}`, i * 10, i * 10 + 5);
    h.set(10, 'small', 'v', 0, 5);
    expect(checkKeys(keyed(h.events), { maxOpsPerKey: 3 })).toEqual({
      status: 'too-large',
      keysChecked: 1,
      reason: 'key "big" has 5 operations (limit 3)',
    });
  });

  it('still reports a violation found after an undecidable key', () => {
    const h = new HistoryBuilder();
    for (let i = 0; i < 5; i++) h.set(i + 1, 'a-big', `v${i}`, i * 10, i * 10 + 5);
    h.set(10, 'z', 'v', 0, 5).get(11, 'z', 'w', 10, 15);
    expect(checkKeys(keyed(h.events), { maxOpsPerKey: 3 })).toMatchObject({ status: 'violation', key: 'z', keysChecked: 1 });
  });

  it('stops at the step budget', () => {
    const h = new HistoryBuilder();
    for (let i = 0; i < 100; i++) h.set(i + 1, 'k', `v${i}`, i * 10, i * 10 + 5);
    expect(checkKeys(keyed(h.events), { maxStepsPerKey: 50 })).toMatchObject({ status: 'too-large', keysChecked: 0 });
    expect(checkKeys(keyed(h.events), { maxStepsTotal: 50 })).toMatchObject({
      status: 'too-large',
      reason: 'search exceeded 50 steps over all keys',
    });
    expect(checkKeys(keyed(h.events), { maxStepsPerKey: 150 })).toEqual({ status: 'linearizable', keysChecked: 1 });
  });

  it('remembers explored configurations instead of trying every order of concurrent writes', () => {
    // 10! orders of the writes, but only 2^10 sets of them times 10 last values.
    const h = new HistoryBuilder();
    for (let i = 0; i < 10; i++) h.set(i + 1, 'k', `v${i}`, 0, 100);
    h.get(11, 'k', 'nobody-wrote-this', 200, 300);
    expect(checkKeys(keyed(h.events))).toMatchObject({ status: 'violation', key: 'k' });
  });

  it('untangles a pile-up of concurrent writes where the earliest one landed last', () => {
    // Like writes queued behind a stalled log commit: 300 overlapping SETs, only one of them ever read.
    const h = new HistoryBuilder().set(1, 'k', 'init', 0, 10);
    for (let i = 0; i < 300; i++) h.set(10 + i, 'k', `s${i}`, 100 + i * 10, 5_000_000 + ((i * 7919) % 1_000));
    for (let i = 0; i < 100; i++) h.get(1_000 + i, 'k', 's0', 6_000_000 + i * 1_000, 6_000_500 + i * 1_000);
    expect(checkKeys(keyed(h.events))).toEqual({ status: 'linearizable', keysChecked: 1 });
    h.get(2_000, 'k', 's1', 7_000_000, 7_000_500);
    expect(checkKeys(keyed(h.events))).toMatchObject({ status: 'violation', key: 'k' });
  });

  it('is fast on thousands of mostly sequential operations per key', () => {
    const h = new HistoryBuilder();
    let op = 1;
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) {
      let value: string | null = null;
      let t = 0;
      for (let i = 0; i < 1_990; i++, t += 1_000) {
        if (i % 3 === 0) {
          value = `${key}-${i}`;
          h.set(op++, key, value, t, t + 900);
        } else if (i % 3 === 1) {
          // Overlaps the next op: a little concurrency on every step.
          h.get(op++, key, value, t, t + 1_500);
        } else {
          h.get(op++, key, value, t + 200, t + 700);
        }
      }
    }
    expect(checkKeys(keyed(h.events))).toEqual({ status: 'linearizable', keysChecked: 5 });
  });
});

describe('linearizability from the history columns', () => {
  // The columns name SET values after their operation; the events carry them as text. Both routes into
  // the search must give the same verdict, violations and the keys they name included.
  for (const name of ['primary-crash', 'replica-lag-reads', 'az-isolation']) {
    it(`gives the verdict the events give on ${name}`, () => {
      const file = `scenarios/${name}.yaml`;
      for (const spec of resolveRuns(parseScenario(readFileSync(file, 'utf8'), file))) {
        const r = simulateRun({ ...spec, durationS: 30, workload: { ...spec.workload, keys: 40 } });
        const fromColumns = checkLinearizability(r.historyLog);
        expect(fromColumns).toEqual(checkKeys(keyed(r.historyLog.events())));
        expect(fromColumns.keysChecked).toBeGreaterThan(0);
      }
    });
  }
});
