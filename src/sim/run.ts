// One complete run of one preset: the entry point for the command line, tests and the Web Worker.
import { Simulation } from './engine';
import { lostWrites } from './lost';
import type { RunResult, RunSpec } from './types';

export function simulateRun(spec: RunSpec): RunResult {
  const sim = new Simulation(spec);
  sim.runToEnd();
  return resultOf(sim);
}

export function resultOf(sim: Simulation): RunResult {
  const log = sim.w.historyLog;
  return {
    spec: sim.spec,
    historyLog: log,
    trace: sim.w.trace,
    lost: lostWrites(sim),
    traceHash: sim.traceHash(),
    events: sim.w.events,
    endUs: sim.w.now,
  };
}
