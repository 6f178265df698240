// Every number the comparison table shows, derived from one run's history. Lost writes are the one
// exception: they come from the model, which alone knows why each was lost (the recount in
// lineage-recount.ts exists to cross-check them, not to replace them).
import type { LostWrite, RunResult, RunSummary } from '../sim/types';
import { readRtoMs, writeRtoMs } from './availability';
import { latencySummary, readLatenciesMs, writeLatenciesMs } from './latency';
import { checkLinearizability, type LinearizabilityOptions } from './linearizability';
import { collectOps, isWriteCmd } from './ops';
import { rpoMs } from './rpo';
import { splitBrainMs } from './split-brain';
import { staleReads } from './stale';

export interface SummarizeOptions {
  /** false skips the linearizability search (it is the only costly check); an object tunes its limits. */
  linearizability?: boolean | LinearizabilityOptions;
}

function byAckTime(a: LostWrite, b: LostWrite): number {
  return a.ackedAtMs - b.ackedAtMs || a.id - b.id;
}

export function summarize(result: RunResult, options: SummarizeOptions = {}): RunSummary {
  const { history, endUs, spec } = result;
  let writes = 0;
  let acked = 0;
  let unknownWrites = 0;
  let refusedWrites = 0;
  for (const op of collectOps(history)) {
    if (!isWriteCmd(op.invoke.cmd)) continue;
    writes++;
    if (op.outcome?.type === 'ok') acked++;
    else if (op.outcome?.type === 'info') unknownWrites++;
    else if (op.outcome?.type === 'fail') refusedWrites++;
  }
  const stale = staleReads(history);
  const lin = options.linearizability ?? true;
  return {
    preset: spec.presetId,
    label: spec.label,
    family: spec.params.family,
    writes,
    acked,
    lostAcked: [...result.lost].sort(byAckTime),
    rpoMs: rpoMs(result.lost, history),
    rtoMs: writeRtoMs(history, endUs),
    readRtoMs: readRtoMs(history, endUs),
    staleReads: stale.count,
    staleReadSamples: stale.samples,
    splitBrainMs: splitBrainMs(history),
    unknownWrites,
    refusedWrites,
    writeLatencyMs: latencySummary(writeLatenciesMs(history)),
    readLatencyMs: latencySummary(readLatenciesMs(history)),
    linearizability:
      lin === false
        ? { status: 'too-large', keysChecked: 0, reason: 'not requested' }
        : checkLinearizability(history, lin === true ? {} : lin),
  };
}
