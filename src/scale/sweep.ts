// "How throughput scales with shards": open-loop writes offered to a cluster of 1 to 15 shards, for a
// cache-style preset and a log-durable one, and what the model acknowledges per second and how long the
// acknowledged writes waited. Each point is one run of the engine (simulateRun); its figures are counted
// from the run's history over a steady window after a short warm-up. `npm run scale` writes every point to
// calibration/scale.json, which the scale page draws; tests recompute some of them and compare.
import { parseScenario } from '../lesson/file';
import { resolveRuns } from '../scenario/load';
import { ROW, CMD } from '../sim/history';
import { PRESETS } from '../sim/presets';
import { simulateRun } from '../sim/run';
import type { RunResult, RunSpec } from '../sim/types';

/**
 * The setting every point shares: throughput-ceiling.yaml's three AZs (primary in a, replicas in b and c,
 * clients in all three), 10,000 keys of 100 bytes, all writes, but open loop: writes arrive as a Poisson
 * stream at the offered rate, whatever the replies do. Primaries are spread over the AZs.
 */
const BASE_SCENARIO = `title: How throughput scales with shards
seed: 1
durationS: 1
topology:
  shards: 2
  primary: spread
  replicas: [b, c]
  clients: [a, b, c]
presets: [elasticache, memorydb]
workload:
  writesPerSec: 1000
  readsPerSec: 0
  keys: 10000
  valueBytes: 100
faults: []
`;

export type ScalePreset = 'elasticache' | 'memorydb';
export const SCALE_PRESETS: readonly ScalePreset[] = ['elasticache', 'memorydb'];

/** One line of the chart: a preset on so many shards, keys spread evenly or with one hot key. */
export interface Line {
  id: string;
  preset: ScalePreset;
  shards: number;
  /** `share` of the writes go to `keys` keys (workload.hotKeys); absent: every key equally likely. */
  hotKeys?: { keys: number; share: number };
}

export interface SweepConfig {
  seed: number;
  /** Simulated seconds per run; acknowledgements are counted from warmupS to durationS. */
  durationS: number;
  warmupS: number;
  keys: number;
  valueBytes: number;
  shardCounts: number[];
  /** Offered load of each point, as a multiple of the line's nominal ceiling (see nominalCeiling). */
  multiples: number[];
  /**
   * The hot-key line: this many shards, with these hot keys, for each preset; its own multiples, closer
   * together where the shard that owns the hot keys reaches its ceiling.
   */
  hot: { shards: number; keys: number; share: number; multiples: number[] };
}

export const SWEEP: SweepConfig = {
  seed: 1,
  durationS: 0.25,
  warmupS: 0.05,
  keys: 10_000,
  valueBytes: 100,
  shardCounts: [1, 2, 4, 8, 15],
  multiples: [0.25, 0.5, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2],
  hot: { shards: 8, keys: 1, share: 0.2, multiples: [0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.75, 1, 1.5, 2] },
};

export function lines(config: SweepConfig = SWEEP): Line[] {
  const out: Line[] = [];
  for (const preset of SCALE_PRESETS) {
    for (const shards of config.shardCounts) out.push({ id: `${preset}-${shards}`, preset, shards });
    const { shards, keys, share } = config.hot;
    out.push({ id: `${preset}-${shards}-hot`, preset, shards, hotKeys: { keys, share } });
  }
  return out;
}

/** CPU µs a primary of the preset spends on one write: the command, plus the log append if it has a log. */
export function writeCostUs(preset: ScalePreset): number {
  const p = PRESETS[preset].params;
  return p.server.commandUs + (p.family === 'durable' ? p.durable.appendCpuUs : 0);
}

/**
 * Writes/s the preset's primaries could execute together if every one were busy all the time: shards ×
 * 1 s / write cost. Only where the points are taken; the chart shows what the runs acknowledged.
 */
export function nominalCeiling(preset: ScalePreset, shards: number): number {
  return (shards * 1e6) / writeCostUs(preset);
}

/** Offered writes/s of each point of a line (whole numbers). */
export function offeredRates(line: Line, config: SweepConfig = SWEEP): number[] {
  return (line.hotKeys ? config.hot.multiples : config.multiples).map((m) => Math.round(m * nominalCeiling(line.preset, line.shards)));
}

/** The run behind one point. */
export function pointSpec(line: Line, offered: number, config: SweepConfig = SWEEP): RunSpec {
  const scenario = parseScenario(BASE_SCENARIO, 'scale.yaml');
  const base = resolveRuns(scenario, { presets: [line.preset], seed: config.seed })[0];
  return {
    ...base,
    durationS: config.durationS,
    topology: { ...base.topology, shards: line.shards, spread: true },
    workload: {
      ...base.workload,
      writesPerSec: offered,
      readsPerSec: 0,
      keys: config.keys,
      valueBytes: config.valueBytes,
      ...(line.hotKeys ? { hotKeys: { ...line.hotKeys } } : {}),
    },
  };
}

export interface Point {
  /** Offered writes/s. */
  offered: number;
  /** Writes acknowledged per second over the window. */
  acked: number;
  /** Latency of the writes acknowledged in the window, ms, nearest rank. */
  p50Ms: number;
  p99Ms: number;
  /** Writes acknowledged per second by the busiest shard, over the window. */
  busiestShard: number;
  /** The engine's digest of the run's trace. */
  traceHash: string;
}

/** Nearest-rank percentile of sorted samples. */
function rank(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const ms = (us: number) => Math.round(us) / 1000;

/** What a finished run acknowledged in [warmupS, durationS): per second, and how long those writes took. */
export function measure(result: RunResult, config: SweepConfig = SWEEP): Omit<Point, 'offered'> {
  const from = config.warmupS * 1e6;
  const to = config.durationS * 1e6;
  const windowS = config.durationS - config.warmupS;
  const logs = (result.shards ?? [result]).map((r) => r.historyLog);
  const latencies: number[] = [];
  let busiest = 0;
  for (const h of logs) {
    let n = 0;
    for (let i = 0; i < h.length; i++) {
      if (h.kind[i] !== ROW.ok || h.t[i] < from || h.t[i] >= to) continue;
      const op = h.op[i];
      if (h.cmdOf(op) === CMD.GET) continue;
      const inv = h.invokeRowOf(op);
      if (inv < 0) continue;
      n++;
      latencies.push(h.t[i] - h.t[inv]);
    }
    busiest = Math.max(busiest, n);
  }
  const sorted = Float64Array.from(latencies).sort();
  return {
    acked: Math.round(latencies.length / windowS),
    p50Ms: ms(rank(sorted, 0.5)),
    p99Ms: ms(rank(sorted, 0.99)),
    busiestShard: Math.round(busiest / windowS),
    traceHash: result.traceHash,
  };
}

export function runPoint(line: Line, offered: number, config: SweepConfig = SWEEP): Point {
  return { offered, ...measure(simulateRun(pointSpec(line, offered, config)), config) };
}
