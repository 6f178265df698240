// How the page learns that its worker ended, whatever the way: a worker that calls close(), is killed or
// crashes fires no event at the page. So the worker takes a Web Lock of its own for its whole life, and
// the page asks for the same lock: the browser grants it to the page exactly when the worker is gone.
// Browsers without Web Locks (pages that are not a secure context) still report errors through onerror.
import type { WorkerReply } from './protocol';

/** Worker side: hold a lock until the worker ends, and tell the page its name. */
export function holdLifeline(post: (reply: WorkerReply) => void): void {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return;
  // Unique per worker, so a page with several labs (embeds) or a restarted worker never shares a lock.
  const lock = `durability-lab-worker-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  void locks.request(lock, () => {
    post({ type: 'alive', lock });
    return new Promise<never>(() => {});
  });
}

/** Page side: `onend` runs once the worker holding `lock` has ended, unless `signal` aborts first. */
export function watchLifeline(lock: string, signal: AbortSignal, onend: () => void): void {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return;
  locks.request(lock, { signal }, () => onend()).catch(() => undefined); // aborted: the page ended it itself
}
