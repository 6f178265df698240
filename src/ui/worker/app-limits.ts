// What the app refuses that the command line runs: a cluster of more shards than one screen shows with
// every node of every shard (LIMITS.maxAppShards). Such a file still runs with `npm run sim`.
import { LIMITS } from '../../scenario/limits';

export function checkAppShards(shards: number): void {
  if (shards <= LIMITS.maxAppShards) return;
  throw new Error(
    `topology.shards: found ${shards}; the app shows at most ${LIMITS.maxAppShards} shards (every node of each on one screen). ` +
      `Files with up to ${LIMITS.maxShards} shards run from the command line: npm run sim -- <file>.`,
  );
}
