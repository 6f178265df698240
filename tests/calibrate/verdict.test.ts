import { describe, expect, it } from 'vitest';
import { describeTolerance, judge, orderVerdict, ranks } from '../../src/calibrate/verdict';
import { formatTable, row } from '../../src/calibrate/report';

describe('verdicts', () => {
  it('near: the larger of the absolute and the relative allowance applies', () => {
    const t = { kind: 'near' as const, abs: 8, rel: 0.25 };
    expect(judge(17, 10, t)).toBe('pass'); // 7 ≤ max(8, 2.5)
    expect(judge(19, 10, t)).toBe('fail');
    expect(judge(1240, 1000, t)).toBe('pass'); // 240 ≤ 250
    expect(judge(1260, 1000, t)).toBe('fail');
    expect(describeTolerance(t)).toBe('±max(8, 25%)');
    expect(describeTolerance({ kind: 'near', abs: 0, rel: 0.15 })).toBe('±15%');
    expect(describeTolerance({ kind: 'near', abs: 1.2, rel: 0 })).toBe('±1.2');
  });

  it('exact and at-most', () => {
    expect(judge(0, 0, { kind: 'exact' })).toBe('pass');
    expect(judge(1, 0, { kind: 'exact' })).toBe('fail');
    expect(judge(5, 5, { kind: 'at-most', slack: 0 })).toBe('pass');
    expect(judge(7, 5, { kind: 'at-most', slack: 1 })).toBe('fail');
  });

  it('orderings: the same order agrees, any other order disagrees, however close the measured figures', () => {
    expect(ranks([0.2, 0.5, 0.3])).toEqual([0, 2, 1]);
    expect(orderVerdict([0.2, 0.5, 0.3], [0.06, 2.0, 0.16])).toBe('pass');
    expect(orderVerdict([0.2, 0.5, 0.3], [0.06, 0.16, 2.0])).toBe('fail');
    // The report of 2026-11-26: measured SET < appendfsync always < WAIT (0.208 / 0.429 / 0.5 ms), the model
    // SET < WAIT < always (0.152 / 0.514 / 0.758): the orders differ, so the ordering disagrees, even though
    // 0.429 and 0.5 are within 30 % of each other (the old rule called that a tie and agreed).
    expect(orderVerdict([0.208, 0.5, 0.429], [0.152, 0.514, 0.758])).toBe('fail');
    expect(orderVerdict([0.066, 0.389, 0.442], [0.048, 0.448, 0.41])).toBe('fail');
    // Equal figures share a rank, and the model must tie them too.
    expect(orderVerdict([1, 1, 2], [1, 1, 3])).toBe('pass');
    expect(orderVerdict([1, 1, 2], [1, 1.1, 3])).toBe('fail');
    expect(describeTolerance({ kind: 'same-order' })).toBe('same order as measured');
    expect(() => orderVerdict([1, 2], [1])).toThrow();
  });

  it('rows carry the printed tolerance and the table lines up', () => {
    const r = row('1 x', 'case', 96, 102, 'lost', { kind: 'near', abs: 8, rel: 0.25 }, 'note');
    expect(r).toMatchObject({ measured: 96, predicted: 102, verdict: 'pass', tolerance: '±max(8, 25%)', reference: 'redis' });
    expect(row('0 x', 'case', 3, 3.1, 'ms', { kind: 'near', abs: 1, rel: 0 }, 'note', 'paper').reference).toBe('paper');
    const lines = formatTable([r]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('PASS');
  });
});
