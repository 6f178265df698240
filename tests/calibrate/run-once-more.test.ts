// The full calibration run gives an experiment that throws a second chance, as the quick set in npm test
// does; a second exception still ends it.
import { describe, expect, it } from 'vitest';
import { runOnceMore } from '../../src/calibrate/suite';
import type { Experiment } from '../../src/calibrate/experiments/context';
import type { Row } from '../../src/calibrate/report';

const row = { experiment: 'x', case: 'c', measured: 1, predicted: 1, unit: '', tolerance: '', verdict: 'pass', note: '', reference: 'redis' } as Row;

function flaky(throws: number): Experiment & { calls: number } {
  const e = {
    id: 'flaky',
    title: 'flaky',
    calls: 0,
    async run(): Promise<Row[]> {
      e.calls++;
      if (e.calls <= throws) throw new Error(`attempt ${e.calls} failed`);
      return [row];
    },
  };
  return e;
}

describe('runOnceMore', () => {
  it('runs an experiment that threw once more and keeps its rows, saying why', async () => {
    const e = flaky(1);
    const lines: string[] = [];
    await expect(runOnceMore(e, { quick: false, log: (l) => lines.push(l) })).resolves.toEqual([row]);
    expect(e.calls).toBe(2);
    expect(lines.join('\n')).toMatch(/flaky threw \(attempt 1 failed\); running it once more/);
  });
  it('does not run one that worked twice, and gives up after a second exception', async () => {
    const ok = flaky(0);
    await runOnceMore(ok, { quick: false, log: () => {} });
    expect(ok.calls).toBe(1);
    await expect(runOnceMore(flaky(2), { quick: false, log: () => {} })).rejects.toThrow(/attempt 2 failed/);
  });
});
