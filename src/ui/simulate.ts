// Runs one scenario in a fresh worker and settles with its reply; errors never leave the page blank.
import type { RunView, SimReply, SimRequest } from './protocol';

export interface SimOutcome {
  seed: number;
  runs: RunView[];
}

export interface Simulation {
  result: Promise<SimOutcome>;
  /** Stops the worker, e.g. when the page no longer needs the result. */
  cancel(): void;
}

export function simulate(request: SimRequest): Simulation {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
  const result = new Promise<SimOutcome>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<SimReply>) => {
      const reply = event.data;
      if (reply.ok) resolve({ seed: reply.seed, runs: reply.runs });
      else reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      // A worker that fails to load reports an ErrorEvent with no message at all.
      reject(new Error(event.message || 'The simulation worker failed to start.'));
    };
    worker.onmessageerror = () => reject(new Error('The simulation result could not be read.'));
  });
  const done = () => worker.terminate();
  result.then(done, done);
  worker.postMessage(request);
  return { result, cancel: done };
}
