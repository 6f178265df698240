// One count both a cluster's pane and the lesson panel show, in a module of its own so that neither
// loads the overview's code for it (an embed of one shard never needs that code).
import type { ClusterView } from '../worker/cluster-view';

/** Acknowledged writes lost so far over every shard: what a cluster's pane counts. */
export function clusterLost(c: ClusterView): number {
  return c.shards.reduce((a, s) => a + s.lost, 0);
}
