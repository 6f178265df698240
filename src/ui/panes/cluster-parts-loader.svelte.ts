// A cluster's overview and shard bar load with the first cluster shown, once for the page: one shard's
// panes (every embed of one) never fetch their code. Once loaded they render at once, so opening a shard
// can move the focus to its bar in the same update.
type Parts = typeof import('./cluster-parts');

let loaded = $state<Parts | null>(null);
let loading: Promise<Parts> | null = null;

/** Start loading (once); the pane re-renders when the parts are there. */
export function clusterParts(): Promise<Parts> {
  loading ??= import('./cluster-parts').then((m) => (loaded = m));
  return loading;
}

/** The parts if loaded, else null. */
export function loadedClusterParts(): Parts | null {
  return loaded;
}
