// The simulator side of each experiment: the same parameters as the real run, on a one-machine topology
// (one primary, at most one replica, clients beside them, loopback-like network), so that differences
// come from the model of Redis and not from the cloud network it normally simulates.
import { mergeParams, PRESETS } from '../sim/presets';
import { simulateRun } from '../sim/run';
import { summarize } from '../check/summarize';
import type { DeepPartial, PresetId, PresetParams, RunSpec, RunSummary, ScheduledFault } from '../sim/types';

export interface CounterpartOptions {
  preset: PresetId;
  params?: DeepPartial<PresetParams>;
  writesPerSec: number;
  readsPerSec?: number;
  replicas: 0 | 1;
  faults: ScheduledFault[];
  durationS: number;
  seed?: number;
  /** Size of each written value (default 8 bytes, what the loss experiments write). */
  valueBytes?: number;
  /** A closed loop instead of the rates (writesPerSec, readsPerSec are then ignored). */
  closedLoop?: { connections: number; pipeline: number; writeFraction: number };
}

/** Loopback: the real runs all happen on 127.0.0.1, where a round trip is tens of microseconds. */
const LOOPBACK: DeepPartial<PresetParams> = {
  network: { intraAzRttMs: 0.05, crossAzRttMs: 0.05, jitterSigma: 0, spikeProbability: 0 },
  // The experiments promote by hand right after the crash; a short detection keeps the runs small.
  cache: { failover: { mode: 'elasticache', detectionMs: 1_000, promotionMs: 200, isolatedPrimaryStopsAfterMs: null, restoreBackupOnTotalLoss: false } },
};

export function counterpartSpec(o: CounterpartOptions): RunSpec {
  const params = mergeParams(mergeParams(PRESETS[o.preset].params, LOOPBACK), o.params);
  return {
    presetId: o.preset,
    label: `calibration ${o.preset}`,
    params,
    topology: { primary: 'a', replicas: o.replicas === 1 ? ['b'] : [], clients: ['a'] },
    workload: {
      writesPerSec: o.closedLoop ? 0 : o.writesPerSec,
      readsPerSec: o.closedLoop ? 0 : (o.readsPerSec ?? 0),
      ...(o.closedLoop
        ? { closedLoop: { connections: o.closedLoop.connections, pipeline: o.closedLoop.pipeline, backoffMs: 100 }, writeFraction: o.closedLoop.writeFraction }
        : {}),
      keys: 1_000_000,
      valueBytes: o.valueBytes ?? 8,
      incrFraction: 0,
      readFromReplicas: false,
    },
    faults: o.faults,
    durationS: o.durationS,
    seed: o.seed ?? 1,
  };
}

export function runCounterpart(o: CounterpartOptions): RunSummary {
  return summarize(simulateRun(counterpartSpec(o)), { linearizability: false });
}

/** Mean of a numeric outcome over several seeds: Poisson arrivals make single runs noisy at small counts. */
export function meanOverSeeds(o: CounterpartOptions, seeds: number, pick: (s: RunSummary) => number): number {
  let total = 0;
  for (let s = 1; s <= seeds; s++) total += pick(runCounterpart({ ...o, seed: s }));
  return total / seeds;
}
