// Starts the simulation worker. The app loads it as a file of its own next to the page; the single-file
// embed build (vite.embed.config.ts) swaps this module for src/embed/create-worker-inline.ts, which carries
// the worker inside the script, so a page on another origin needs nothing else.
export function createLabWorker(): Worker {
  return new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' });
}
