// What the cluster overview draws at the current instant: per shard, its nodes by AZ with their roles and
// states, whether it takes writes, its failovers so far and its lost and at-risk acknowledged writes; and
// the share of the keyspace (hash slots) that is writable now. Read from the shards' worlds, never
// changing them.
import type { Simulation } from '../../sim/engine';
import { fateCounts } from '../../sim/fates';
import { reachesRegion } from '../../sim/network';
import { AZS, type AZ } from '../../sim/types';
import { shardName } from '../../sim/cluster/specs';
import { SLOTS, slotStarts } from '../../sim/cluster/slots';
import { markerKind } from './describe';
import { CMD, ROW, type HistoryLog } from '../../sim/history';
import { queueUs } from '../../sim/cpu';

export interface ShardNodeView {
  id: string;
  az: AZ;
  role: 'primary' | 'replica';
  /** Lifecycle state, as NodeView.state. */
  state: string;
  /** Why this primary refuses writes, or ''. */
  refusing: string;
  reachable: boolean;
  endpoint: boolean;
}

export interface ShardView {
  name: string;
  nodes: ShardNodeView[];
  /** The node the shard's control plane names primary. */
  primary: string;
  /**
   * It has a primary that accepts writes and the region's clients reach: serving, not refusing, the
   * endpoint points at it, and its AZ is neither down nor cut off.
   */
  writable: boolean;
  /** When its last write was acknowledged (µs), −1 if none yet: how long a shard without writes has been so. */
  lastAckUs: number;
  /** How long a request waits for its primary's CPU now, ms: a hot shard past its ceiling. */
  queueMs: number;
  /** Promotions, elections and restores from a backup so far. */
  failovers: number;
  lost: number;
  atRisk: number;
  /** Hash slots the shard owns. */
  slots: number;
}

export interface ClusterView {
  shards: ShardView[];
  /** Hash slots of the writable shards over all 16,384: the fraction of the keyspace writable now. */
  writableSlots: number;
  totalSlots: number;
}

/** Primary states in which a node takes writes (cache-style: serving; log-durable: primary). */
const TAKES_WRITES = new Set(['serving', 'primary']);

/**
 * The instant of each run's last acknowledged write, found from the end of its history. A history only
 * grows, or is rewound by a restore or a fork; the rows scanned before are not looked at again.
 */
export class LastAck {
  private scanned: number[] = [];
  private found: number[] = [];

  of(shard: number, history: HistoryLog): number {
    const n = history.length;
    let from = this.scanned[shard] ?? 0;
    let found = this.found[shard] ?? -1;
    if (from > n) {
      from = 0;
      found = -1;
    }
    const { kind, t, op } = history;
    for (let i = n - 1; i >= from; i--) {
      if (kind[i] === ROW.ok && history.cmdOf(op[i]) !== CMD.GET) {
        found = t[i];
        break;
      }
    }
    this.scanned[shard] = n;
    this.found[shard] = found;
    return found;
  }

  reset(): void {
    this.scanned = [];
    this.found = [];
  }
}

/** Failovers counted so far in each trace, from where the count last stopped (traces only grow or are rewound). */
export class FailoverCounter {
  private seen: number[] = [];
  private counts: number[] = [];

  count(shard: number, sim: Simulation): number {
    const trace = sim.w.trace;
    let seen = this.seen[shard] ?? 0;
    let n = this.counts[shard] ?? 0;
    if (seen > trace.length) {
      seen = 0;
      n = 0;
    }
    for (; seen < trace.length; seen++) if (markerKind(trace[seen]) === 'failover') n++;
    this.seen[shard] = seen;
    this.counts[shard] = n;
    return n;
  }

  /** A restore or a fork may rewrite the traces from some point: count again from the start. */
  reset(): void {
    this.seen = [];
    this.counts = [];
  }
}

/**
 * Does the shard take writes now: a primary that the endpoint names, that the region's clients reach, that
 * serves (or leads the log) and does not refuse writes, with the power on.
 */
export function shardWritable(sim: Simulation): boolean {
  const w = sim.w;
  if (w.powerOff) return false;
  for (const n of w.nodes) {
    if (sim.design.isPrimary(n) && w.endpoint === n.idx && reachesRegion(w, n.az) && TAKES_WRITES.has(n.slot.value) && !n.writesRefused) return true;
  }
  return false;
}

/** Per cent of the hash slots whose shard takes writes now. */
export function writablePercent(runs: readonly Simulation[]): number {
  const starts = slotStarts(runs.length);
  let slots = 0;
  runs.forEach((r, i) => {
    if (shardWritable(r)) slots += starts[i + 1] - starts[i];
  });
  return (100 * slots) / SLOTS;
}

export function shardView(sim: Simulation, index: number, failovers: number, slots: number, lastAckUs = -1): ShardView {
  const w = sim.w;
  const nodes: ShardNodeView[] = w.nodes.map((n) => ({
    id: n.id,
    az: AZS[n.az],
    role: sim.design.isPrimary(n) ? 'primary' : 'replica',
    state: n.slot.value,
    refusing: n.writesRefused,
    reachable: reachesRegion(w, n.az),
    endpoint: w.endpoint === n.idx,
  }));
  const primary = sim.nodeId(w.primary);
  const named = w.nodes[w.primary];
  const queueMs = named ? queueUs(named, w.now) / 1000 : 0;
  const writable = shardWritable(sim);
  const { lost, atRisk } = fateCounts(sim);
  return { name: shardName(index), nodes, primary, writable, lastAckUs, queueMs, failovers, lost, atRisk, slots };
}

export function clusterView(runs: readonly Simulation[], failovers: FailoverCounter, lastAck: LastAck): ClusterView {
  const starts = slotStarts(runs.length);
  const shards = runs.map((r, i) => shardView(r, i, failovers.count(i, r), starts[i + 1] - starts[i], lastAck.of(i, r.w.historyLog)));
  const writableSlots = shards.reduce((a, s) => a + (s.writable ? s.slots : 0), 0);
  return { shards, writableSlots, totalSlots: SLOTS };
}
