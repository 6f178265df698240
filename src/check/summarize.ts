// The outcome table of one finished run: the folds of outcomes.ts over its history columns, the model's
// lost writes, and the linearizability search.
import type { RunResult, RunSummary } from '../sim/types';
import { checkLinearizability, type LinearizabilityOptions } from './linearizability';
import { Outcomes, type OutcomeCounts } from './outcomes';
import { LatencySamples } from './fold-latency';
import { shardName } from '../sim/cluster/specs';
import type { LinearizabilityVerdict } from '../sim/types';

export interface SummarizeOptions {
  /** false skips the linearizability search (it is the only costly check); an object tunes its limits. */
  linearizability?: boolean | LinearizabilityOptions;
}

export function summarize(result: RunResult, options: SummarizeOptions = {}): RunSummary {
  if (result.shards) return summarizeCluster(result, result.shards, options);
  const { historyLog: h, endUs, spec, lost } = result;
  const outcomes = Outcomes.of(h);
  const c = outcomes.counts(lost, endUs);
  const lin = options.linearizability ?? true;
  return {
    preset: spec.presetId,
    label: spec.label,
    family: spec.params.family,
    writes: c.writes,
    acked: c.acked,
    lostAcked: lost,
    rpoMs: c.rpoMs,
    rtoMs: c.rtoMs,
    readRtoMs: c.readRtoMs,
    staleReads: c.staleReads,
    staleReadSamples: outcomes.staleReads().samples,
    splitBrainMs: c.splitBrainMs,
    unknownWrites: c.unknownWrites,
    refusedWrites: c.refusedWrites,
    writeLatencyMs: c.writeLatencyMs,
    readLatencyMs: c.readLatencyMs,
    linearizability:
      lin === false
        ? { status: 'too-large', keysChecked: 0, reason: 'not requested' }
        : checkLinearizability(h, lin === true ? {} : lin),
  };
}

/**
 * A cluster's figures from its shards' (the outcome table here, the app's live table in the worker):
 * counts add up; RPO, RTO and the split-brain time are the worst shard's (the cluster is not whole until
 * its last shard is); latency percentiles are over every shard's samples.
 */
export function combineShardCounts(per: ReadonlyArray<{ o: Outcomes; c: OutcomeCounts }>): OutcomeCounts {
  const wLat = new LatencySamples();
  const rLat = new LatencySamples();
  for (const { o } of per) {
    wLat.merge(o.latencySamples().write);
    rLat.merge(o.latencySamples().read);
  }
  const sum = (f: (c: OutcomeCounts) => number) => per.reduce((a, p) => a + f(p.c), 0);
  const max = (f: (c: OutcomeCounts) => number) => per.reduce((a, p) => Math.max(a, f(p.c)), 0);
  return {
    writes: sum((c) => c.writes),
    acked: sum((c) => c.acked),
    unknownWrites: sum((c) => c.unknownWrites),
    refusedWrites: sum((c) => c.refusedWrites),
    staleReads: sum((c) => c.staleReads),
    splitBrainMs: max((c) => c.splitBrainMs),
    rtoMs: max((c) => c.rtoMs),
    readRtoMs: max((c) => c.readRtoMs),
    rpoMs: max((c) => c.rpoMs),
    writeLatencyMs: wLat.summary(),
    readLatencyMs: rLat.summary(),
  };
}

/**
 * A cluster's outcome table: the same folds over each shard's history, then put together. Counts add up;
 * RPO, RTO and the split-brain time are the worst shard's (the cluster is not whole until its last shard
 * is); latency percentiles are over every shard's samples; linearizability holds if it holds on each
 * shard (their keys are disjoint).
 */
function summarizeCluster(result: RunResult, shards: readonly RunResult[], options: SummarizeOptions): RunSummary {
  const per = shards.map((r) => {
    const o = Outcomes.of(r.historyLog);
    return { r, o, c: o.counts(r.lost, r.endUs) };
  });
  const c = combineShardCounts(per);
  const lin = options.linearizability ?? true;
  const verdicts: LinearizabilityVerdict[] =
    lin === false ? [] : per.map(({ r }) => checkLinearizability(r.historyLog, lin === true ? {} : lin));
  const spec = result.spec;
  return {
    preset: spec.presetId,
    label: spec.label,
    family: spec.params.family,
    writes: c.writes,
    acked: c.acked,
    lostAcked: result.lost,
    rpoMs: c.rpoMs,
    rtoMs: c.rtoMs,
    readRtoMs: c.readRtoMs,
    staleReads: c.staleReads,
    staleReadSamples: per.flatMap(({ o }) => o.staleReads().samples).slice(0, 50),
    splitBrainMs: c.splitBrainMs,
    unknownWrites: c.unknownWrites,
    refusedWrites: c.refusedWrites,
    writeLatencyMs: c.writeLatencyMs,
    readLatencyMs: c.readLatencyMs,
    linearizability: lin === false ? { status: 'too-large', keysChecked: 0, reason: 'not requested' } : combineVerdicts(verdicts),
    shards: per.map(({ r, c }, i) => ({
      shard: shardName(i),
      primaryAz: r.spec.topology.primary,
      keys: r.spec.workload.keys,
      writes: c.writes,
      acked: c.acked,
      lostAcked: r.lost.length,
      rpoMs: c.rpoMs,
      rtoMs: c.rtoMs,
      readRtoMs: c.readRtoMs,
    })),
  };
}

function combineVerdicts(verdicts: readonly LinearizabilityVerdict[]): LinearizabilityVerdict {
  const keysChecked = verdicts.reduce((a, v) => a + v.keysChecked, 0);
  const violation = verdicts.findIndex((v) => v.status === 'violation');
  if (violation >= 0) return { ...verdicts[violation], keysChecked };
  const tooLarge = verdicts.findIndex((v) => v.status === 'too-large');
  if (tooLarge >= 0) {
    const v = verdicts[tooLarge] as Extract<LinearizabilityVerdict, { status: 'too-large' }>;
    return { status: 'too-large', keysChecked, reason: `shard ${shardName(tooLarge)}: ${v.reason}` };
  }
  return { status: 'linearizable', keysChecked };
}
