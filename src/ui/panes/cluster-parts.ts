// What only a cluster's pane draws, loaded together the first time a cluster is shown.
export { default as ClusterOverview } from './ClusterOverview.svelte';
export { default as ShardBar } from './ShardBar.svelte';
