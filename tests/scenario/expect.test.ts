import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { assertionsFor, evaluateExpect } from '../../src/scenario/expect';
import { resolveRuns } from '../../src/scenario/load';
import { lostWrites, makeSummary } from './fixtures';

describe('evaluateExpect', () => {
  it('passes when every assertion holds', () => {
    const summary = makeSummary({ lostAcked: lostWrites(3), splitBrainMs: 0 });
    expect(evaluateExpect({ lostAcked: { gt: 0 }, splitBrainMs: 0, acked: { gte: 59_000, lte: 59_000 } }, summary)).toEqual({
      passed: true,
      failures: [],
    });
  });

  it('lostAcked counts the lost writes', () => {
    expect(evaluateExpect({ lostAcked: { gt: 0 } }, makeSummary())).toEqual({
      passed: false,
      failures: ['lostAcked: expected > 0, got 0'],
    });
    expect(evaluateExpect({ lostAcked: 0 }, makeSummary({ lostAcked: lostWrites(12) })).failures).toEqual([
      'lostAcked: expected 0, got 12',
    ]);
  });

  it('reads latency percentiles from the latency summaries', () => {
    const result = evaluateExpect({ writeP50Ms: { lt: 0.5 }, writeP99Ms: { lte: 1.5 }, readP50Ms: { gt: 1 }, readP99Ms: 1.25 }, makeSummary());
    expect(result.failures).toEqual(['writeP50Ms: expected < 0.5, got 0.62', 'readP50Ms: expected > 1, got 0.41']);
  });

  it('joins several bounds of one metric into one failure', () => {
    expect(evaluateExpect({ rtoMs: { gte: 1000, lt: 5000 } }, makeSummary()).failures).toEqual([
      'rtoMs: expected >= 1000 and < 5000, got 13000',
    ]);
  });

  it('checks every metric it knows', () => {
    const summary = makeSummary();
    const all = {
      acked: 1,
      rpoMs: 1,
      rtoMs: 1,
      readRtoMs: 1,
      staleReads: 1,
      splitBrainMs: 1,
      unknownWrites: 1,
      refusedWrites: 1,
    };
    expect(evaluateExpect(all, summary).failures).toEqual([
      'acked: expected 1, got 59000',
      'rpoMs: expected 1, got 0',
      'rtoMs: expected 1, got 13000',
      'readRtoMs: expected 1, got 12500',
      'staleReads: expected 1, got 0',
      'splitBrainMs: expected 1, got 0',
      'unknownWrites: expected 1, got 12',
      'refusedWrites: expected 1, got 3',
    ]);
  });

  it('linearizable: true needs a clean verdict, false needs a violation', () => {
    const violation = makeSummary({ linearizability: { status: 'violation', keysChecked: 10, key: 'k3', ops: [1, 2] } });
    expect(evaluateExpect({ linearizable: true }, makeSummary()).passed).toBe(true);
    expect(evaluateExpect({ linearizable: false }, violation).passed).toBe(true);
    expect(evaluateExpect({ linearizable: true }, violation).failures).toEqual(['linearizable: expected linearizable, got violation']);
    expect(evaluateExpect({ linearizable: false }, makeSummary()).failures).toEqual([
      'linearizable: expected a violation, got linearizable',
    ]);
    const tooLarge = makeSummary({ linearizability: { status: 'too-large', keysChecked: 0, reason: 'search limit' } });
    expect(evaluateExpect({ linearizable: true }, tooLarge).failures).toEqual([
      'linearizable: expected linearizable, got too-large (search limit)',
    ]);
  });

  it('an infinite metric fails a finite bound', () => {
    expect(evaluateExpect({ rtoMs: { lt: 60_000 } }, makeSummary({ rtoMs: Infinity })).failures).toEqual([
      'rtoMs: expected < 60000, got Infinity',
    ]);
  });
});

describe('assertionsFor', () => {
  const s = parseScenario(
    `title: T
durationS: 10
presets: [elasticache, { preset: elasticache, label: EC2 }, memorydb]
expect:
  elasticache: { lostAcked: { gt: 0 } }
  EC2: { lostAcked: 0 }
  memorydb: { lostAcked: 0, linearizable: true }
`,
    't.yaml',
  );
  const [ec, ec2, mdb] = resolveRuns(s);

  it('looks up by label first, then by preset id', () => {
    expect(assertionsFor(s, ec)).toEqual({ lostAcked: { gt: 0 } });
    expect(assertionsFor(s, ec2)).toEqual({ lostAcked: 0 });
    expect(assertionsFor(s, mdb)).toEqual({ lostAcked: 0, linearizable: true });
  });

  it('drops the linearizable assertion when the check is off', () => {
    expect(assertionsFor(s, mdb, false)).toEqual({ lostAcked: 0 });
  });
});
