// Loads the simulation of the element (live-element.ts). In the element's builds the import is of the
// file durability-lab-live.js beside the element's own (vite-plugins.ts, liveBundle), which the browser
// fetches once per page however many elements ask for it; a classic script's `import()` resolves it
// against the script's own address.
export type LiveModule = typeof import('./live-element');

let pending: Promise<LiveModule> | null = null;

export function loadLive(): Promise<LiveModule> {
  pending ??= import('./live-element').catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}
