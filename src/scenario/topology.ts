import type { Topology } from '../sim/types';

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
