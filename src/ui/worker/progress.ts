// Progress of the request the worker is working on. Quick requests never report (no bar flashes on the
// page for a seek of a few milliseconds); a long one reports a few times a second, which is cheap next to
// the simulation it measures.
import type { WorkerReply } from './protocol';

/** A request reports only once it has run this long. */
const FIRST_AFTER_MS = 250;
const EVERY_MS = 100;

export class ProgressReporter {
  private id = 0;
  private startedAt = 0;
  private lastAt = -Infinity;

  constructor(
    private readonly post: (reply: WorkerReply) => void,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** A new request starts; its reports carry its id. */
  begin(id: number): void {
    this.id = id;
    this.startedAt = this.clock();
    this.lastAt = -Infinity;
  }

  /** `done` of `total` units of work are behind us. */
  report(done: number, total: number): void {
    const now = this.clock();
    if (now - this.startedAt < FIRST_AFTER_MS || now - this.lastAt < EVERY_MS) return;
    this.lastAt = now;
    const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
    this.post({ type: 'progress', id: this.id, fraction });
  }
}
