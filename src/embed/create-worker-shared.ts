// The embed builds' worker (vite.embed.config.ts swaps this module in for src/ui/worker/create.ts): the
// simulation engine is a file of its own, durability-lab-worker.js, next to the element's file (whose
// address the first-load script gives: useEngineAt, worker-url.ts). The first
// element on a page fetches it; every element after that starts its own worker (its own simulation) from
// the same blob: URL, so the engine is downloaded once however many labs the page holds. The file must come
// from the page's origin or with CORS headers (package CDNs send them); a Content-Security-Policy must
// allow it in `connect-src` and `blob:` in `worker-src` (docs/embedding.md).

let engineUrl = '';

/** Where the engine file is: the first-load script knows (worker-url.ts) and says so before any lab starts. */
export function useEngineAt(url: string): void {
  if (!engineUrl) engineUrl = url;
}

let shared: Promise<string> | null = null;

/** The blob: URL of the engine, fetched on first use; a failed fetch is tried again by the next element. */
function sharedWorkerUrl(): Promise<string> {
  if (!shared) {
    const url = engineUrl || new URL('durability-lab-worker.js', document.baseURI).href;
    shared = fetch(url, { credentials: 'same-origin' })
      .then((response) => {
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        return response.blob();
      })
      .then((blob) => URL.createObjectURL(new Blob([blob], { type: 'text/javascript' })))
      .catch((error: unknown) => {
        shared = null;
        throw new Error(`the simulation engine could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
      });
  }
  return shared;
}

type Handler<E> = ((event: E) => void) | null;

/**
 * What WorkerConnection uses of a Worker, usable at once: messages posted before the engine has arrived
 * wait for it, and a failure to fetch or start it arrives as an `error` event, like any worker's.
 */
class SharedEngineWorker {
  onmessage: Handler<MessageEvent> = null;
  onerror: Handler<ErrorEvent> = null;
  onmessageerror: Handler<MessageEvent> = null;
  private worker: Worker | null = null;
  private queue: unknown[] = [];
  private ended = false;

  constructor(name: string) {
    sharedWorkerUrl().then(
      (url) => {
        if (this.ended) return;
        try {
          this.worker = new Worker(url, { name });
        } catch {
          this.fail('the simulation worker failed to start');
          return;
        }
        this.worker.onmessage = (e) => this.onmessage?.(e);
        this.worker.onerror = (e) => this.onerror?.(e);
        this.worker.onmessageerror = (e) => this.onmessageerror?.(e);
        for (const message of this.queue) this.worker.postMessage(message);
        this.queue = [];
      },
      (error: unknown) => this.fail(error instanceof Error ? error.message : String(error)),
    );
  }

  postMessage(message: unknown): void {
    if (this.ended) return;
    if (this.worker) this.worker.postMessage(message);
    // Copied now, as postMessage would, so later changes by the caller do not reach the worker.
    else this.queue.push(structuredClone(message));
  }

  terminate(): void {
    this.ended = true;
    this.queue = [];
    this.worker?.terminate();
  }

  private fail(message: string): void {
    if (this.ended) return;
    this.onerror?.(new ErrorEvent('error', { message, cancelable: true }));
  }
}

export function createLabWorker(): Worker {
  return new SharedEngineWorker('durability-lab') as unknown as Worker;
}
