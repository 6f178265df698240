// Runs every preset of a scenario and checks each outcome against the file's expectations.
import { summarize } from '../check/summarize';
import { simulateRun } from '../sim/run';
import type { RunResult, RunSpec, RunSummary } from '../sim/types';
import { assertionsFor, evaluateExpect, type ExpectResult } from './expect';
import { combineHashes } from './hash';
import { resolveRuns, type ResolveOptions, type Scenario } from './load';

export interface RunScenarioOptions extends ResolveOptions {
  /** Run the linearizability checker (default true). Off, `linearizable:` assertions are skipped. */
  linearizability?: boolean;
  /**
   * Keep each run's whole result (history, trace, …) in the outcome. Off by default: presets run one
   * after the other and only their summaries stay, so a scenario's memory is one run's, not the sum.
   */
  keepResults?: boolean;
}

export interface ScenarioRun {
  spec: RunSpec;
  /** Fingerprint of this run's trace. */
  traceHash: string;
  /** The whole run, when RunScenarioOptions.keepResults asked for it. */
  result?: RunResult;
  summary: RunSummary;
  /** null when the scenario makes no assertions about this preset. */
  expect: ExpectResult | null;
}

export interface ScenarioOutcome {
  scenario: Scenario;
  seed: number;
  /** Fingerprint of all runs' traces: equal for equal (scenario, seed, presets). */
  traceHash: string;
  runs: ScenarioRun[];
}

export function runScenario(scenario: Scenario, opts: RunScenarioOptions = {}): ScenarioOutcome {
  const linearizability = opts.linearizability ?? true;
  const specs = resolveRuns(scenario, opts);
  const runs = specs.map((spec): ScenarioRun => {
    const result = simulateRun(spec);
    const summary = summarize(result, { linearizability });
    const assertions = assertionsFor(scenario, spec, linearizability);
    const run: ScenarioRun = { spec, traceHash: result.traceHash, summary, expect: assertions ? evaluateExpect(assertions, summary) : null };
    if (opts.keepResults) run.result = result;
    return run;
  });
  return {
    scenario,
    seed: opts.seed ?? scenario.seed,
    traceHash: combineHashes(runs.map((r) => r.traceHash)),
    runs,
  };
}
