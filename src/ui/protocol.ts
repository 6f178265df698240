// Messages between the page and sim.worker.ts. Only small plain data crosses: a run's full history
// and trace stay in the worker, since copying them would cost more than the table needs.
import type { RunSummary } from '../sim/types';

export interface SimRequest {
  text: string;
  sourceName: string;
}

export interface RunView {
  label: string;
  /** The real configuration the run's preset stands for, when it is a known preset. */
  standsFor?: string;
  summary: RunSummary;
}

export type SimReply = { ok: true; seed: number; runs: RunView[] } | { ok: false; message: string };
