// Starts the simulation worker. The app loads it as a file of its own next to the page; the embed builds
// (vite.embed.config.ts) swap this module for src/embed/create-worker-shared.ts, which fetches the engine
// once from beside the element's file and starts every element's worker from that one copy.
export function createLabWorker(): Worker {
  return new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' });
}
