// How many requests a workload can send per second. Open loop: its rates. Closed loop: no more than its
// connections can have in flight (each request takes at least a round trip), nor more than the nodes'
// CPUs can answer (a refused or failed request makes its connection back off), whichever is less. The
// limits check and the memory estimate need an upper bound; the history's columns need an estimate.
import type { Workload } from './types';

export interface RateInputs {
  workload: Workload;
  /** Replicas besides the primary (they answer reads only with readFromReplicas). */
  replicas: number;
  commandUs: number;
  intraAzRttMs: number;
}

/** Requests per second the workload cannot exceed. */
export function maxRequestRate(r: RateInputs): number {
  const wl = r.workload;
  const loop = wl.closedLoop;
  if (!loop) return wl.writesPerSec + wl.readsPerSec;
  // Jitter can shorten a round trip; half the nominal one is far below any draw that matters.
  const rttUs = Math.max(1, r.intraAzRttMs * 500);
  const inFlight = (loop.connections * loop.pipeline * 1e6) / rttUs;
  const nodes = wl.readFromReplicas ? 1 + r.replicas : 1;
  const cpu = (nodes * 1e6) / Math.max(0.1, r.commandUs);
  return Math.min(inFlight, cpu);
}

/**
 * Requests per second a closed loop is expected to send, for sizing the history: its connections' requests
 * each take a round trip and a command, up to the nodes' ceiling.
 */
export function expectedRequestRate(r: RateInputs): number {
  const wl = r.workload;
  const loop = wl.closedLoop;
  if (!loop) return wl.writesPerSec + wl.readsPerSec;
  const perRequestUs = r.intraAzRttMs * 1000 + r.commandUs;
  const nodes = wl.readFromReplicas ? 1 + r.replicas : 1;
  return Math.min((loop.connections * loop.pipeline * 1e6) / perRequestUs, (nodes * 1e6) / Math.max(0.1, r.commandUs));
}

/** Writes per second the workload cannot exceed. */
export function maxWriteRate(r: RateInputs): number {
  const wl = r.workload;
  if (!wl.closedLoop) return wl.writesPerSec;
  // Writes go to one primary only.
  return Math.min(maxRequestRate(r), 1e6 / Math.max(0.1, r.commandUs)) * (wl.writeFraction ?? 0.5) + 1;
}
