import { describe, expect, it } from 'vitest';
import { checkGoals, firstOccurrence, holdsAt, normalizeUntil, pauseTime, type PaneRecord } from '../../src/lesson/conditions';
import type { RunSummary, TraceEvent } from '../../src/sim/types';
import { HistoryLog } from '../../src/sim/history';
import { LostWrites } from '../../src/sim/lost-writes';

const trace: TraceEvent[] = [
  { type: 'term', t: 0, node: 'a1', term: 1, fromTerm: null, forkOffset: 0, cause: 'initial' },
  { type: 'fault', t: 20e6, fault: { kind: 'crash', node: 'primary' } },
  { type: 'term', t: 30e6, node: 'b1', term: 2, fromTerm: 1, forkOffset: 10, cause: 'promotion' },
];
const cache: PaneRecord = {
  label: 'ElastiCache (async)',
  presetId: 'elasticache',
  trace,
  histories: [new HistoryLog(['a1', 'b1', 'c1'])],
  lost: LostWrites.of([
    { id: 9, key: 'k', ackedAtMs: 19_990.5, node: 'a1', reason: '' },
    { id: 7, key: 'k', ackedAtMs: 19_980.123, node: 'a1', reason: '' },
  ]),
};
const durable: PaneRecord = { label: 'MemoryDB (log)', presetId: 'memorydb', trace: [trace[0], trace[1], { type: 'term', t: 23e6, node: 'b1', term: 2, fromTerm: 1, forkOffset: 10, cause: 'election' }], histories: [new HistoryLog(['a1', 'b1', 'c1'])], lost: LostWrites.none };

describe('until conditions', () => {
  it('finds the ack time of the earliest lost write, in exact µs', () => {
    expect(firstOccurrence(normalizeUntil('first-lost-write'), [cache, durable])).toEqual({ tUs: 19_980_123, pane: 'ElastiCache (async)' });
    expect(firstOccurrence({ event: 'first-lost-write', preset: 'memorydb' }, [cache, durable])).toBeNull();
  });

  it('failover is the first promotion or election, per pane or across panes', () => {
    expect(firstOccurrence({ event: 'failover' }, [cache, durable])).toEqual({ tUs: 23e6, pane: 'MemoryDB (log)' });
    expect(firstOccurrence({ event: 'failover', preset: 'ElastiCache (async)' }, [cache, durable])?.tUs).toBe(30e6);
  });

  it('fault, optionally by kind; time; holdsAt', () => {
    expect(firstOccurrence({ event: 'fault', kind: 'crash' }, [cache])?.tUs).toBe(20e6);
    expect(firstOccurrence({ event: 'fault', kind: 'power-loss' }, [cache])).toBeNull();
    expect(firstOccurrence({ event: 'time', at: 12.5 }, [cache])?.tUs).toBe(12_500_000);
    expect(holdsAt({ event: 'fault' }, [cache], 19e6)).toBe(false);
    expect(holdsAt({ event: 'fault' }, [cache], 20e6)).toBe(true);
  });

  it('pauseTime prefers at, then until, else null', () => {
    expect(pauseTime({ at: 3 }, [cache])).toBe(3e6);
    expect(pauseTime({ until: 'failover' }, [cache])).toBe(30e6);
    expect(pauseTime({}, [cache])).toBeNull();
  });
});

describe('task goals', () => {
  const summary = (lost: number): RunSummary => ({ lostAcked: Array.from({ length: lost }), acked: 10, writeLatencyMs: { p50: 1 }, readLatencyMs: { p50: 1 } }) as unknown as RunSummary;
  const panes = [
    { label: 'ElastiCache (async)', presetId: 'elasticache', summary: summary(25) },
    { label: 'MemoryDB (log)', presetId: 'memorydb', summary: summary(0) },
  ];

  it('uses the expect comparisons and names the pane in each failure', () => {
    expect(checkGoals({ preset: 'memorydb', lostAcked: 0 }, panes)).toEqual({ passed: true, failures: [] });
    expect(checkGoals([{ preset: 'elasticache', lostAcked: 0 }, { preset: 'memorydb', lostAcked: { lte: 0 } }], panes)).toEqual({
      passed: false,
      failures: ['ElastiCache (async): lostAcked: expected 0, got 25'],
    });
  });

  it('a goal for a pane no longer shown fails', () => {
    expect(checkGoals({ preset: 'redis-wait', lostAcked: 0 }, panes).passed).toBe(false);
  });
});
