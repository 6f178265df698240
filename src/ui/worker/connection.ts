// The page's end of one simulation worker. Every way a worker can end without answering becomes one call
// of `onfail` with a reason in words: an uncaught error (onerror), a reply that cannot be read, a message
// the worker sends about its own failure, and a silent end (close(), a crash, the browser killing it),
// which only its lifeline shows (see lifeline.ts). After `onfail` or `close()` nothing more is delivered.
import { createLabWorker } from './create';
import { watchLifeline } from './lifeline';
import type { WorkerReply, WorkerRequest } from './protocol';

export class WorkerConnection {
  private readonly worker: Worker;
  private readonly ended = new AbortController();

  constructor(
    onreply: (reply: WorkerReply) => void,
    private readonly onfail: (reason: string) => void,
  ) {
    this.worker = createLabWorker();
    this.worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      if (this.ended.signal.aborted) return;
      const reply = e.data;
      if (reply.type === 'alive') watchLifeline(reply.lock, this.ended.signal, () => this.fail('the worker stopped without a word (it may have run out of memory)'));
      else if (reply.type === 'error') this.fail(reply.message);
      else onreply(reply);
    };
    this.worker.onerror = (e) => {
      e.preventDefault(); // reported here, in words, instead of in the console
      this.fail(e.message || 'the simulation worker failed to start');
    };
    this.worker.onmessageerror = () => this.fail('a reply from the worker could not be read');
  }

  /** Throws when the request cannot be copied to the worker (the caller reports it). */
  send(request: WorkerRequest): void {
    if (!this.ended.signal.aborted) this.worker.postMessage(request);
  }

  /** Ends the worker on purpose: no failure is reported for it. */
  close(): void {
    if (this.ended.signal.aborted) return;
    this.ended.abort();
    this.worker.terminate();
  }

  private fail(reason: string): void {
    if (this.ended.signal.aborted) return;
    this.close();
    this.onfail(reason);
  }
}
