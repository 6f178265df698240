// The embed build's worker: the whole simulation worker is bundled into the embed script and started from
// a blob: URL (Vite's `?worker&inline`), so the one file works from any page, origin or path. A host page
// with a Content-Security-Policy must allow it: `worker-src blob:` (README, "Embedding").
import LabWorker from '../ui/worker/lab.worker.ts?worker&inline';

export function createLabWorker(): Worker {
  return new LabWorker({ name: 'durability-lab' });
}
