// A cluster's run, cut into its shards' runs. Each shard owns a contiguous range of the 16,384 hash slots
// and so the scenario's keys that hash there (slots.ts); the workload's requests pick a key uniformly, so
// a shard receives the share of them its keys make up (or, with hot keys, what its keys draw), and each shard is simulated on its own run of the
// engine with that share. Faults on an AZ or on the power hit every shard at the same instant; a fault on
// a node names its shard (`s2.primary`, `s3.b1`). Shard 1 keeps the scenario's seed; the others draw from
// seeds derived from it.
import { AZS, type AZ, type FaultSpec, type RunSpec, type ScheduledFault } from '../types';
import { workloadKeyName } from '../history';
import { counterKeyCount } from '../init';
import { shardOfKey, slotStarts } from './slots';
import { requestShare } from '../workload-keys';

export const shardCount = (spec: Pick<RunSpec, 'topology'>): number => spec.topology.shards ?? 1;

/** A run is a cluster when it has more than one shard (one shard is the single-shard run, unchanged). */
export const isCluster = (spec: Pick<RunSpec, 'topology'>): boolean => shardCount(spec) > 1;

export const shardName = (index: number): string => `s${index + 1}`;

/** `s2.b1` → { shard: 1, node: 'b1' }; a name without a shard gives shard −1. */
export function splitNodeTarget(target: string): { shard: number; node: string } {
  const m = /^s(\d{1,3})\.(.+)$/.exec(target);
  return m ? { shard: Number(m[1]) - 1, node: m[2] } : { shard: -1, node: target };
}

const turn = (az: AZ, by: number): AZ => AZS[(AZS.indexOf(az) + by) % AZS.length];

/** Which shard each of the scenario's keys belongs to (by the slot of its name). */
export function keysByShard(spec: RunSpec): number[][] {
  const count = shardCount(spec);
  const starts = slotStarts(count);
  const counters = counterKeyCount({ ...spec, shard: undefined });
  const out: number[][] = Array.from({ length: count }, () => []);
  for (let k = 0; k < spec.workload.keys; k++) out[shardOfKey(workloadKeyName(k, counters), starts)].push(k);
  return out;
}

/** Split `total` over parts in proportion to `weights`, in whole numbers that add up to it (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}

function faultFor(fault: FaultSpec, shard: number): FaultSpec | null {
  if (!('node' in fault)) return fault;
  const { shard: s, node } = splitNodeTarget(fault.node);
  if (s >= 0 && s !== shard) return null;
  return { ...fault, node } as FaultSpec;
}

/** The seed of shard i's run: the scenario's for shard 1, then a fixed mix of it. */
export function shardSeed(seed: number, index: number): number {
  if (index === 0) return seed;
  let x = (seed ^ Math.imul(index, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  return (x ^ (x >>> 13)) >>> 0;
}

/**
 * The runs of a cluster's shards. Throws when a shard would own none of the keys (too few keys for the
 * shards): such a shard would have no workload at all.
 */
export function shardSpecs(spec: RunSpec): RunSpec[] {
  const count = shardCount(spec);
  const keys = keysByShard(spec);
  const empty = keys.findIndex((k) => k.length === 0);
  if (empty >= 0) throw new Error(`shard ${shardName(empty)} owns none of the ${spec.workload.keys} keys: ${count} shards need more keys`);
  const counterKeysAll = counterKeyCount({ ...spec, shard: undefined });
  const wl = spec.workload;
  const hotAll = wl.hotKeys?.keys ?? 0;
  // Each shard's share of the requests: its keys' share, or what its hot and other keys draw together.
  const weights = keys.map((k) => {
    const hot = k.filter((g) => g < hotAll).length;
    return requestShare(spec, hot, k.length - hot, wl.keys);
  });
  const connections = wl.closedLoop ? apportion(Math.max(wl.closedLoop.connections, count), weights) : null;
  return keys.map((owned, i) => {
    const share = weights[i];
    const by = spec.topology.spread ? i : 0;
    const faults: ScheduledFault[] = [];
    for (const f of spec.faults) {
      const fault = faultFor(f.fault, i);
      if (fault) faults.push({ atS: f.atS, fault });
    }
    return {
      ...spec,
      topology: {
        primary: turn(spec.topology.primary, by),
        replicas: spec.topology.replicas.map((az) => turn(az, by)),
        clients: spec.topology.clients,
        ...(spec.topology.replicaPriority ? { replicaPriority: spec.topology.replicaPriority } : {}),
      },
      workload: {
        ...wl,
        keys: owned.length,
        writesPerSec: wl.writesPerSec * share,
        readsPerSec: wl.readsPerSec * share,
        ...(wl.closedLoop && connections ? { closedLoop: { ...wl.closedLoop, connections: connections[i] } } : {}),
      },
      faults,
      seed: shardSeed(spec.seed, i),
      shard: { index: i, count, keys: owned, counterKeysAll, allKeys: wl.keys },
    };
  });
}
