import type { Topology } from '../sim/types';
import { splitNodeTarget } from '../sim/cluster/specs';

/**
 * Node ids as scenario files write them: AZ letter plus a 1-based index within that AZ. The primary takes
 * the first index of its AZ so that "a1" is always the initial primary of a default topology; replicas
 * follow in list order.
 */
export function nodeIds(topology: Pick<Topology, 'primary' | 'replicas'>): string[] {
  const next = new Map<string, number>();
  const take = (az: string): string => {
    const n = (next.get(az) ?? 0) + 1;
    next.set(az, n);
    return `${az}${n}`;
  };
  return [take(topology.primary), ...topology.replicas.map(take)];
}

/** Targets resolved when the fault fires rather than when the file is written. */
export const ROLE_TARGETS = ['primary', 'replica'] as const;

/** The node names a fault may give in this topology: its nodes' ids, and the roles resolved when it fires. */
export function nodeTargets(topology: Pick<Topology, 'primary' | 'replicas'>): string[] {
  const ids = nodeIds(topology);
  return topology.replicas.length > 0 ? [...ids, ...ROLE_TARGETS] : [...ids, 'primary'];
}

/**
 * What a fault's node should have been, as the words after "expected", or null when it names a node. A
 * cluster's node is named with its shard (s2.b1, s2.primary); a single shard's without. `single` words the
 * single shard's case (each place that checks names the scenario its own way).
 */
export function nodeTargetExpected(
  topology: Pick<Topology, 'primary' | 'replicas' | 'shards'>,
  target: string,
  single = (targets: readonly string[]) => `a node of this topology: ${targets.join(', ')}`,
): string | null {
  const targets = nodeTargets(topology);
  const shards = topology.shards ?? 1;
  const { shard, node } = splitNodeTarget(target);
  if (shards > 1 && (shard < 0 || shard >= shards)) return `a node of one shard of this cluster, named with its shard: s1.${node} … s${shards}.${node}`;
  if (shards === 1 && shard >= 0) return `a node without a shard (this file has one shard): ${targets.join(', ')}`;
  return targets.includes(node) ? null : single(targets);
}
