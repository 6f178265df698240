// What the formatters need from a scenario outcome; a ScenarioOutcome fits, and so does a hand-made
// object, which keeps the formatters testable without running the engine.
import type { ExpectResult } from '../scenario/expect';
import type { RunSummary } from '../sim/types';

export interface ReportRun {
  summary: RunSummary;
  expect: ExpectResult | null;
}

export interface Report {
  scenario: { id: string; title: string };
  seed: number;
  traceHash: string;
  runs: readonly ReportRun[];
}
