// Which key a request picks. Uniformly over the keys, or with hot keys (Workload.hotKeys): `share` of the
// requests go to the first `keys` keys. On one shard of a cluster the hot keys are those of the shard's
// keys that are hot in the whole key space (they come first there too), and the share of requests that
// reach the shard is what its hot and other keys draw together.
import type { RunSpec } from './types';

export interface KeyChoice {
  /** The run's keys (its shard's, in a cluster). */
  keys: number;
  /** How many of them (the first) are hot; 0: uniform. */
  hot: number;
  /** Probability that a request of this run is for a hot key. */
  hotP: number;
}

/** Of the scenario's requests, the share that goes to a set of keys: `hot` of them hot, `cold` not. */
export function requestShare(spec: Pick<RunSpec, 'workload'>, hot: number, cold: number, allKeys: number): number {
  const h = spec.workload.hotKeys;
  if (!h) return (hot + cold) / allKeys;
  const coldAll = allKeys - h.keys;
  return (h.share * hot) / h.keys + (coldAll > 0 ? ((1 - h.share) * cold) / coldAll : 0);
}

export function keyChoice(spec: RunSpec): KeyChoice {
  const h = spec.workload.hotKeys;
  const keys = spec.workload.keys;
  if (!h) return { keys, hot: 0, hotP: 0 };
  const owned = spec.shard?.keys;
  let hot = 0;
  if (owned === undefined) hot = Math.min(h.keys, keys);
  else while (hot < owned.length && owned[hot] < h.keys) hot++;
  const allKeys = spec.shard ? spec.shard.allKeys : keys;
  const hotW = requestShare(spec, hot, 0, allKeys);
  const coldW = requestShare(spec, 0, keys - hot, allKeys);
  return { keys, hot, hotP: hotW + coldW > 0 ? hotW / (hotW + coldW) : 0 };
}

/** One uniform draw u in [0, 1) to a key index. */
export function keyFor(c: KeyChoice, u: number): number {
  if (c.hot === 0) return Math.floor(u * c.keys);
  if (u < c.hotP) return Math.min(c.hot - 1, Math.floor((u / c.hotP) * c.hot));
  const cold = c.keys - c.hot;
  return c.hot + Math.min(cold - 1, Math.floor(((u - c.hotP) / (1 - c.hotP)) * cold));
}
