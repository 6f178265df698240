import { describe, expect, it } from 'vitest';
import { describeTolerance, judge, rankVerdicts, ranks } from '../../src/calibrate/verdict';
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

  it('same rank: each row passes when it holds the same place in both orderings', () => {
    expect(ranks([0.2, 0.5, 0.3])).toEqual([0, 2, 1]);
    expect(rankVerdicts([0.2, 0.5, 0.3], [0.06, 2.0, 0.16])).toEqual(['pass', 'pass', 'pass']);
    expect(rankVerdicts([0.2, 0.5, 0.3], [0.06, 0.16, 2.0])).toEqual(['pass', 'fail', 'fail']);
    // Measurements within 30% of each other are a tie: the model may order them either way.
    expect(rankVerdicts([0.066, 0.389, 0.442], [0.048, 0.448, 0.41])).toEqual(['pass', 'pass', 'pass']);
    expect(rankVerdicts([0.066, 0.25, 0.73], [0.048, 0.8, 0.41])).toEqual(['pass', 'fail', 'fail']);
  });

  it('rows carry the printed tolerance and the table lines up', () => {
    const r = row('1 x', 'case', 96, 102, 'lost', { kind: 'near', abs: 8, rel: 0.25 }, 'note');
    expect(r).toMatchObject({ measured: 96, predicted: 102, verdict: 'pass', tolerance: '±max(8, 25%)' });
    const lines = formatTable([r]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('PASS');
  });
});
