// Where the element's files are: the engine (durability-lab-worker.js) sits beside the element's own file,
// and the first-load script hands its address to the simulation when it loads it (live-element.ts).

/** The engine's file name, beside the element's file (vite-plugins.ts writes it there). */
export const WORKER_FILE = 'durability-lab-worker.js';

// A classic script knows its own address only while it runs: kept now, for workers started later.
const script = typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : '';

/** Where the engine is: next to this module (ES module build) or next to the classic script. */
export function workerFileUrl(): string {
  // `import.meta.url` is undefined in the classic script's build (vite.embed.config.ts defines it so).
  const moduleUrl: string | undefined = import.meta.url;
  // Written out so that a site's bundler sees the usual pattern and copies the file (vite-plugins.ts).
  if (moduleUrl) return new URL(/* @vite-ignore */ './durability-lab-worker.js', import.meta.url).href;
  return new URL(WORKER_FILE, script || document.baseURI).href;
}
