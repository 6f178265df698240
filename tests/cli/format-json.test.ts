import { describe, expect, it } from 'vitest';
import { formatJson, toJsonReport } from '../../src/cli/format-json';
import { makeSummary } from '../scenario/fixtures';
import { twoPresetReport } from './report-fixture';

describe('JSON report', () => {
  it('has exactly the documented shape, keyed by scenario id and preset label', () => {
    const report = toJsonReport(twoPresetReport());
    expect(Object.keys(report)).toEqual(['scenario', 'seed', 'traceHash', 'runs']);
    expect(report.scenario).toBe('primary-crash');
    expect(report.runs.map((r) => Object.keys(r))).toEqual(
      Array(2).fill([
        'preset',
        'acked',
        'lostAcked',
        'rpoMs',
        'rtoMs',
        'staleReads',
        'splitBrainMs',
        'unknownWrites',
        'writeLatencyMs',
        'readLatencyMs',
        'expect',
      ]),
    );
    expect(report.runs[0]).toMatchObject({
      preset: 'ElastiCache (async)',
      acked: 59_000,
      rpoMs: 850.5,
      writeLatencyMs: { p50: 0.62, p99: 1.5, max: 1000 },
      expect: { passed: false, failures: ['splitBrainMs: expected > 0, got 0', 'rpoMs: expected 0, got 850.5'] },
    });
    // Every lost write, not only the ten the table shows; the engine's node field is not part of the contract.
    expect(report.runs[0].lostAcked).toHaveLength(12);
    expect(report.runs[0].lostAcked[0]).toEqual({ id: 20_000, key: 'k0', ackedAtMs: 19_990.25, reason: 'not replicated before failover' });
    expect(report.runs[1].writeLatencyMs).toEqual({ p50: 3.25, p99: 4.571, max: 12.2 });
  });

  it('a preset without assertions reports a pass with no failures', () => {
    const report = toJsonReport({ scenario: { id: 's', title: 'S' }, seed: 3, traceHash: 'aa', runs: [{ summary: makeSummary(), expect: null }] });
    expect(report.runs[0].expect).toEqual({ passed: true, failures: [] });
  });

  it('prints indented JSON that parses back, with non-finite numbers as null', () => {
    const text = formatJson({
      scenario: { id: 's', title: 'S' },
      seed: 3,
      traceHash: 'aa',
      runs: [{ summary: makeSummary({ rtoMs: Infinity }), expect: null }],
    });
    expect(text.startsWith('{\n  "scenario": "s",\n  "seed": 3,\n  "traceHash": "aa",\n')).toBe(true);
    expect(JSON.parse(text).runs[0].rtoMs).toBeNull();
  });
});
