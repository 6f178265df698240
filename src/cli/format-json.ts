// Machine-readable report for scripts and CI. Its shape is a public contract: change it knowingly.
import type { Report } from './report';

export interface JsonLatency {
  p50: number;
  p99: number;
  max: number;
}

export interface JsonRun {
  preset: string;
  acked: number;
  lostAcked: { id: number; key: string; ackedAtMs: number; reason: string }[];
  rpoMs: number;
  rtoMs: number;
  staleReads: number;
  splitBrainMs: number;
  unknownWrites: number;
  writeLatencyMs: JsonLatency;
  readLatencyMs: JsonLatency;
  expect: { passed: boolean; failures: string[] };
  /** A cluster's run: each shard's figures (the fields above are the whole cluster's). */
  shards?: { shard: string; acked: number; lostAcked: number; rpoMs: number; rtoMs: number }[];
}

export interface JsonReport {
  scenario: string;
  seed: number;
  traceHash: string;
  runs: JsonRun[];
}

export function toJsonReport(report: Report): JsonReport {
  return {
    scenario: report.scenario.id,
    seed: report.seed,
    traceHash: report.traceHash,
    runs: report.runs.map(({ summary: s, expect }) => ({
      preset: s.label,
      acked: s.acked,
      lostAcked: s.lostAcked.slice().map(({ id, key, ackedAtMs, reason }) => ({ id, key, ackedAtMs, reason })),
      rpoMs: s.rpoMs,
      rtoMs: s.rtoMs,
      staleReads: s.staleReads,
      splitBrainMs: s.splitBrainMs,
      unknownWrites: s.unknownWrites,
      writeLatencyMs: latency(s.writeLatencyMs),
      readLatencyMs: latency(s.readLatencyMs),
      // A preset without assertions has nothing to fail.
      expect: expect ? { passed: expect.passed, failures: [...expect.failures] } : { passed: true, failures: [] },
      ...(s.shards ? { shards: s.shards.map(({ shard, acked, lostAcked, rpoMs, rtoMs }) => ({ shard, acked, lostAcked, rpoMs, rtoMs })) } : {}),
    })),
  };
}

/** Non-finite numbers (an RTO that never ended) become null, as JSON has no Infinity. */
export function formatJson(report: Report): string {
  return JSON.stringify(toJsonReport(report), null, 2);
}

function latency({ p50, p99, max }: JsonLatency): JsonLatency {
  return { p50, p99, max };
}
