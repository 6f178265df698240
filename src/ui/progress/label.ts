// What a long computation is, in words, for the progress bar and screen readers.
import type { WorkerRequest } from '../worker/protocol';

function seconds(tUs: number): string {
  return `${(tUs / 1e6).toFixed(1)} s`;
}

/** What `request` computes; `restoring` when it brings back a previous run after a cancel or a failure. */
export function progressLabel(request: WorkerRequest, restoring: boolean): string {
  let what: string;
  if (request.type === 'frame') what = request.exact ? `Computing the run up to ${seconds(request.targetUs)}` : 'Computing the next frames';
  else if (request.type === 'inject') what = `Computing the run up to the fault at ${seconds(request.tUs)}`;
  else if (request.type === 'pauses') what = "Finding where the lesson's steps pause (whole runs)";
  else if (request.type === 'trace-hash') what = 'Computing trace hashes of whole runs';
  else what = 'Preparing the simulation';
  return restoring ? `Restoring the previous run: ${what[0].toLowerCase()}${what.slice(1)}` : what;
}
