import type { Report } from '../../src/cli/report';
import { lostWrites, makeSummary } from '../scenario/fixtures';

/** Two presets: a cache that lost 12 writes and failed its expectation, and a durable one that passed. */
export function twoPresetReport(): Report {
  return {
    scenario: { id: 'primary-crash', title: 'Primary crash' },
    seed: 1,
    traceHash: '0123456789abcdef',
    runs: [
      {
        summary: makeSummary({ lostAcked: lostWrites(12), rpoMs: 850.5, splitBrainMs: 0 }),
        expect: { passed: false, failures: ['splitBrainMs: expected > 0, got 0', 'rpoMs: expected 0, got 850.5'] },
      },
      {
        summary: makeSummary({
          preset: 'memorydb',
          label: 'MemoryDB (log)',
          family: 'durable',
          acked: 57_661,
          rtoMs: 2396.4,
          readRtoMs: Infinity,
          unknownWrites: 0,
          refusedWrites: 0,
          writeLatencyMs: { count: 57_661, p50: 3.25, p99: 4.571, max: 12.2 },
          linearizability: { status: 'too-large', keysChecked: 0, reason: 'not requested' },
        }),
        expect: { passed: true, failures: [] },
      },
    ],
  };
}
