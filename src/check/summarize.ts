// The outcome table of one finished run: the folds of outcomes.ts over its history columns, the model's
// lost writes, and the linearizability search.
import type { RunResult, RunSummary } from '../sim/types';
import { checkLinearizability, type LinearizabilityOptions } from './linearizability';
import { Outcomes } from './outcomes';

export interface SummarizeOptions {
  /** false skips the linearizability search (it is the only costly check); an object tunes its limits. */
  linearizability?: boolean | LinearizabilityOptions;
}

export function summarize(result: RunResult, options: SummarizeOptions = {}): RunSummary {
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
