// Checks a run's outcome against the assertions a scenario file makes about it.
import type { RunSpec, RunSummary } from '../sim/types';
import { expectEntry } from './expect-entry';
import type { Scenario } from './load';
import { EXPECT_METRICS, type ExpectMetric } from './expect-metrics';
import type { Assertions, Comparison } from './schema';

export interface ExpectResult {
  passed: boolean;
  /** One sentence per failed assertion, e.g. "lostAcked: expected > 0, got 0". */
  failures: string[];
}

const METRIC_VALUE: Record<ExpectMetric, (s: RunSummary) => number> = {
  lostAcked: (s) => s.lostAcked.length,
  acked: (s) => s.acked,
  rpoMs: (s) => s.rpoMs,
  rtoMs: (s) => s.rtoMs,
  readRtoMs: (s) => s.readRtoMs,
  staleReads: (s) => s.staleReads,
  splitBrainMs: (s) => s.splitBrainMs,
  unknownWrites: (s) => s.unknownWrites,
  refusedWrites: (s) => s.refusedWrites,
  writeP50Ms: (s) => s.writeLatencyMs.p50,
  writeP99Ms: (s) => s.writeLatencyMs.p99,
  readP50Ms: (s) => s.readLatencyMs.p50,
  readP99Ms: (s) => s.readLatencyMs.p99,
};

const OPERATORS = [
  ['eq', '', (v: number, x: number) => v === x],
  ['gt', '> ', (v: number, x: number) => v > x],
  ['gte', '>= ', (v: number, x: number) => v >= x],
  ['lt', '< ', (v: number, x: number) => v < x],
  ['lte', '<= ', (v: number, x: number) => v <= x],
] as const;

export function evaluateExpect(assertions: Assertions, summary: RunSummary): ExpectResult {
  const failures: string[] = [];
  for (const metric of EXPECT_METRICS) {
    const comparison = assertions[metric];
    if (comparison === undefined) continue;
    const failure = compare(metric, comparison, METRIC_VALUE[metric](summary));
    if (failure) failures.push(failure);
  }
  if (assertions.linearizable !== undefined) {
    const verdict = summary.linearizability;
    const wanted = assertions.linearizable ? 'linearizable' : 'violation';
    if (verdict.status !== wanted) {
      const got = verdict.status === 'too-large' ? `too-large (${verdict.reason})` : verdict.status;
      failures.push(`linearizable: expected ${assertions.linearizable ? 'linearizable' : 'a violation'}, got ${got}`);
    }
  }
  return { passed: failures.length === 0, failures };
}

function compare(metric: string, comparison: Comparison, value: number): string | undefined {
  const bounds = typeof comparison === 'number' ? { eq: comparison } : comparison;
  const parts = OPERATORS.filter(([key]) => bounds[key] !== undefined);
  if (parts.every(([key, , holds]) => holds(value, bounds[key]!))) return undefined;
  const wanted = parts.map(([key, sign]) => `${sign}${formatValue(bounds[key]!)}`).join(' and ');
  return `${metric}: expected ${wanted}, got ${formatValue(value)}`;
}

function formatValue(x: number): string {
  return Number.isInteger(x) || !Number.isFinite(x) ? String(x) : String(Number(x.toFixed(3)));
}

/**
 * The assertions for one run: by label first, so two columns of one preset can carry different
 * expectations. With the linearizability check off, a `linearizable:` assertion cannot be judged and is dropped.
 */
export function assertionsFor(
  scenario: Pick<Scenario, 'expect'>,
  spec: Pick<RunSpec, 'label' | 'presetId'>,
  linearizability = true,
): Assertions | undefined {
  const found = expectEntry(scenario.expect, spec.label) ?? expectEntry(scenario.expect, spec.presetId);
  if (!found || linearizability) return found;
  const { linearizable: _skipped, ...rest } = found;
  return rest;
}
