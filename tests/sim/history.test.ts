import { describe, expect, it } from 'vitest';
import { AckLog, HistoryLog, INFO, OK_FROM_REPLICA, OK_HAS_VALUE, OK_READ } from '../../src/sim/history';
import { simulateRun } from '../../src/sim/run';
import { Simulation } from '../../src/sim/engine';
import type { HistoryEvent } from '../../src/sim/types';
import { specFor } from './spec';

/** Rows of every kind, enough of them to make the columns grow several times from a capacity of 2. */
function filled(): { log: HistoryLog; expected: HistoryEvent[] } {
  const log = new HistoryLog(['a1', 'b1', 'c1'], 2);
  const expected: HistoryEvent[] = [];
  for (let k = 0; k < 40; k++) {
    const t = 1_000 * k + 3_000_000_000; // beyond 32 bits: times are not truncated
    const op = k + 1;
    switch (k % 7) {
      case 0:
        log.invoke(t, op, 0, `k${k}`, 2, 1);
        expected.push({ type: 'invoke', t, op, cmd: 'SET', key: `k${k}`, client: 'c', node: 'b1', arg: `v${op}` });
        break;
      case 1:
        log.invoke(t, op, 2, `c${k}`, 0, -1);
        expected.push({ type: 'invoke', t, op, cmd: 'GET', key: `c${k}`, client: 'a', node: '-' });
        break;
      case 2:
        log.okWrite(t, op, 0, 3, 2 ** 40 + k, 77 + k, null);
        expected.push({ type: 'ok', t, op, node: 'a1', term: 3, offset: 2 ** 40 + k, seq: 77 + k });
        break;
      case 3:
        log.okWrite(t, op, 2, 4, 12, 13, k);
        expected.push({ type: 'ok', t, op, node: 'c1', term: 4, offset: 12, seq: 13, value: k });
        break;
      case 4: {
        // A read of an absent key, of a SET's value (named after its write) and of a counter.
        const variant = Math.floor(k / 7) % 3;
        const writeId = variant === 0 ? -1 : k;
        const counter = variant === 2 ? 10 * k : null;
        log.okRead(t, op, 1, 2, counter, writeId, variant === 0 ? -1 : 5, 1234, k % 2 === 1);
        expected.push({
          type: 'ok',
          t,
          op,
          node: 'b1',
          term: 2,
          value: variant === 0 ? null : variant === 1 ? `v${k}` : 10 * k,
          writeId: variant === 0 ? null : k,
          writeSeq: variant === 0 ? null : 5,
          lagMs: 1.234,
          fromReplica: k % 2 === 1,
        });
        break;
      }
      case 5:
        log.fail(t, op, 0, 3);
        expected.push({ type: 'fail', t, op, node: 'a1', error: 'CLUSTERDOWN' });
        break;
      default:
        log.info(t, op, 1, k % 2 ? INFO.waitTimeout : INFO.timeout);
        expected.push({ type: 'info', t, op, node: 'b1', error: k % 2 ? 'wait-timeout' : 'timeout' });
    }
  }
  return { log, expected };
}

describe('history columns', () => {
  it('give back every row as the event it records, across column growth', () => {
    const { log, expected } = filled();
    expect(log.length).toBe(expected.length);
    expect(log.events()).toEqual(expected);
    for (let i = 0; i < expected.length; i++) expect(log.at(i)).toEqual(expected[i]);
  });

  it('name the engine\'s key ids as the workload does, and keys given by name by that name', () => {
    const log = new HistoryLog(['a1'], 4, 3);
    log.invokeKey(1, 1, 1, 0, 0, 0);
    log.invokeKey(2, 2, 1, 2, 0, 0);
    log.invokeKey(3, 3, 0, 3, 0, 0);
    log.invoke(4, 4, 2, 'users:42', 0, 0);
    log.invoke(5, 5, 2, 'k3', 0, 0);
    log.invoke(6, 6, 2, 'users:42', 0, 0);
    expect(log.events().map((e) => (e.type === 'invoke' ? e.key : ''))).toEqual(['c0', 'c2', 'k3', 'users:42', 'k3', 'users:42']);
    // The same name always gets the same id, and names never collide with the engine's ids.
    expect(log.key[4]).toBe(log.key[6]);
    expect(log.key[4]).toBeLessThan(0);
    expect(log.slice(6).at(5)).toEqual(log.at(5));
  });

  it('keep every column of a row that makes the columns grow', () => {
    // Capacity 1: rows 1, 2, 4, 8 and 16 each start by growing the columns.
    const log = new HistoryLog(['a1'], 1);
    const errors = ['READONLY', 'NOREPLICAS', 'CONNREFUSED', 'CLUSTERDOWN', 'LOADING', 'NOTLEADER'] as const;
    const expected: HistoryEvent[] = [];
    for (let k = 0; k < 20; k++) {
      if (k % 2 === 0) {
        log.fail(k, k, 0, k % 6);
        expected.push({ type: 'fail', t: k, op: k, node: 'a1', error: errors[k % 6] });
      } else {
        log.info(k, k, 0, INFO.waitTimeout);
        expected.push({ type: 'info', t: k, op: k, node: 'a1', error: 'wait-timeout' });
      }
    }
    expect(log.events()).toEqual(expected);
  });

  it('extend the same materialised array as rows are added', () => {
    const log = new HistoryLog(['a1'], 2);
    const first = log.events();
    log.fail(5, 1, 0, 0);
    log.info(6, 2, 0, INFO.timeout);
    log.fail(7, 3, -1, 2);
    expect(log.events()).toBe(first);
    expect(first.map((e) => e.t)).toEqual([5, 6, 7]);
  });

  it('keep offsets past 32 bits exactly, whether they come before or after narrow values and growth', () => {
    const log = new HistoryLog(['a1'], 2, 0, 2);
    const xs = [-1, 2 ** 31 - 1, 0, 2 ** 31, -(2 ** 31), 5e12 + 7, -1, 2 ** 53 - 1, 3];
    xs.forEach((x, i) => {
      const op = i + 1;
      log.invokeKey(10 * op, op, i % 2 ? 2 : 0, 0, 0, 0);
      if (i % 2) log.okRead(10 * op + 1, op, 0, 1, null, x, 1, 0, false);
      else log.okWrite(10 * op + 1, op, 0, 1, x, op, null);
    });
    const read = (l: HistoryLog) => xs.map((_, i) => l.xOf(i + 1));
    expect(read(log)).toEqual(xs);
    expect(read(log.slice(log.length))).toEqual(xs);
    expect(log.events().filter((e) => e.type === 'ok').map((e) => ('offset' in e ? e.offset : e.writeId))).toEqual(xs.map((x, i) => (i % 2 && x < 0 ? null : x)));
  });

  it('slice copies a prefix and leaves the original intact', () => {
    const { log, expected } = filled();
    log.events();
    const head = log.slice(10);
    head.fail(99, 99, 0, 1);
    expect(head.events()).toEqual([...expected.slice(0, 10), { type: 'fail', t: 99, op: 99, node: 'a1', error: 'NOREPLICAS' }]);
    expect(log.events()).toEqual(expected);
  });
});

describe('history of a run', () => {
  for (const preset of ['elasticache', 'memorydb'] as const) {
    it(`${preset}: the objects are built from the columns, and cloning the world leaves them out`, () => {
      const spec = specFor(preset, {
        faults: [
          { atS: 3, fault: { kind: 'crash', node: 'primary' } },
          { atS: 20, fault: { kind: 'host-loss', node: 'primary' } },
        ],
      });
      const r = simulateRun(spec);
      const log = r.historyLog;
      const history = log.events();
      expect(history.length).toBe(log.length);
      expect(history.length).toBeGreaterThan(1000);
      const kinds = new Set(history.map((e) => e.type));
      expect([...kinds].sort()).toEqual(['fail', 'info', 'invoke', 'ok']);
      for (const ev of history) if (ev.type === 'invoke') expect(ev.arg !== undefined).toBe(ev.cmd === 'SET');

      const sim = new Simulation(spec);
      sim.runUntil(2e6);
      expect(sim.w.historyLog.events()).toBe(sim.w.historyLog.events());
      expect(sim.w.historyLog.events().length).toBe(sim.w.historyLog.length);
      // Worlds stay plain objects: a prototype of their own gave each run's world a new hidden class and
      // made every run recompile the engine (see init.ts).
      expect(Object.getPrototypeOf(sim.w)).toBe(Object.prototype);
    });
  }
});

describe('rewinding the columns', () => {
  it('a history log rewound shorter and back longer keeps its rows, and drops materialised rows past its length', () => {
    const { log, expected } = filled();
    expect(log.events()).toEqual(expected);
    log.rewind(10);
    expect(log.length).toBe(10);
    expect(log.events()).toEqual(expected.slice(0, 10));
    log.rewind(40);
    expect(log.events()).toEqual(expected);
    expect(() => log.rewind(log.kind.length + 1)).toThrow(/cannot rewind/);
  });

  it('a row written again after a rewind shows nothing of the row it replaced', () => {
    const log = new HistoryLog(['a1'], 4, 1);
    log.invokeKey(1, 1, 2, 0, 0, 0);
    log.okRead(2, 1, 0, 1, 41, 7, 3, 500, true);
    log.okWrite(3, 2, 0, 1, 99, 4, 8);
    log.rewind(1);
    log.okRead(2, 1, 0, 1, null, 7, 3, 0, false);
    log.okWrite(3, 2, 0, 1, 99, 4, null);
    expect(log.events().slice(1)).toEqual([
      { type: 'ok', t: 2, op: 1, node: 'a1', term: 1, value: 'v7', writeId: 7, writeSeq: 3, lagMs: 0, fromReplica: false },
      { type: 'ok', t: 3, op: 2, node: 'a1', term: 1, offset: 99, seq: 4 },
    ]);
  });

  it('an invocation recorded again by a replay leaves the outcome a restore forward reaches as it was', () => {
    const log = new HistoryLog(['a1', 'b1'], 4, 1);
    log.invokeKey(1, 1, 2, 0, 1, 1);
    log.okRead(2, 1, 1, 1, 41, 7, 3, 500, true);
    const before = log.events().slice();
    log.rewind(0);
    log.invokeKey(1, 1, 2, 0, 1, 1);
    log.rewind(2);
    expect(log.events()).toEqual(before);
    expect(log.flagsOf(1)).toBe(OK_READ | OK_FROM_REPLICA | OK_HAS_VALUE);
  });

  it('acknowledgements rewound and written again read back as written', () => {
    const acks = new AckLog(2);
    for (let k = 0; k < 30; k++) acks.push(2 * k + 1, 3 * k);
    acks.rewind(5);
    expect(acks.rows().row).toEqual([1, 3, 5, 7, 9]);
    acks.push(99, 77);
    const rows = acks.rows();
    expect(rows.row).toEqual([1, 3, 5, 7, 9, 99]);
    expect(rows.write).toEqual([0, 3, 6, 9, 12, 77]);
  });
});
