// A cache-style node's record: what a Redis process and its host hold, beyond what every design's node
// has (world.ts NodeBase). Replication position and link, what its replicas acknowledged, its AOF and RDB
// files, and the commands it holds back (fsync, WAIT).
import type { MachineSlot } from '../../machines/driver';
import type { RunSpec } from '../../types';
import type { NodeBase, Op } from '../../world';
import type { Simulation } from '../../engine';
import type { CacheNodeEvent, CacheNodeState } from './machine';

export interface CacheNode extends NodeBase {
  slot: MachineSlot<CacheNodeState>;
  role: 'primary' | 'replica';

  // replication
  stream: number;
  applied: number;
  offset: number;
  upstream: number;
  conn: number;
  link: 'online' | 'down' | 'syncing';
  lastArrival: number;
  /** As primary: per node index, the offset and time of the last REPLCONF ACK. */
  ackOffset: number[];
  ackT: number[];
  /** Replicas counted as good for min-replicas-to-write at the last once-a-second recount. */
  goodReplicas: number;
  /** Time this node lost contact with the majority of the region, or -1. */
  cutOffSince: number;
  /** Redis Cluster: time this primary was first seen reaching only a minority of the cluster's primaries, or −1 (cluster-vote.ts). */
  minoritySince: number;
  /** The bus tick and network state `inMinority` was last worked out for, and its answer (a cache: both change rarely). */
  minorityKey: number;
  minorityNow: boolean;

  // persistence
  aofWritten: number;
  aofFsynced: number;
  fsyncBusy: boolean;
  fsyncStartT: number;
  fsyncStallUntil: number;
  /** Writes whose reply waits for an fsync; `finish` is when the CPU has executed them. */
  fsyncWaiters: Array<{ op: Op; idx: number; finish: number }>;
  connInc: number;
  rdb: { stream: number; applied: number; offset: number } | null;
  rdbChanges: number;
  diskLost: boolean;
  pageCacheLost: boolean;
  /** Writes whose WAIT is outstanding on this primary. */
  waitOps: Op[];
}

export function newCacheNode(_spec: RunSpec, base: NodeBase, primary: boolean, n: number): CacheNode {
  // Every field spelt out in one literal, not `...base`: a spread copy's hidden class depended on the
  // runs before it, so each new run's nodes had a new shape and the engine's optimised code deoptimised on
  // them, run after run (a cluster builds one run per shard).
  return {
    id: base.id,
    idx: base.idx,
    az: base.az,
    slot: base.slot as MachineSlot<CacheNodeState>,
    inc: base.inc,
    deathT: base.deathT,
    deathWasHost: base.deathWasHost,
    term: base.term,
    data: base.data,
    busyUntil: base.busyUntil,
    linkDelayUs: base.linkDelayUs,
    linkStalled: base.linkStalled,
    writesRefused: base.writesRefused,
    role: primary ? 'primary' : 'replica',
    stream: 0,
    applied: 0,
    offset: 0,
    upstream: primary ? -1 : 0,
    conn: primary ? 0 : base.idx,
    link: primary ? 'down' : 'online',
    lastArrival: 0,
    ackOffset: new Array<number>(n).fill(0),
    // Replicas start in sync, as if they had just acknowledged; −1 means "never acknowledged".
    ackT: new Array<number>(n).fill(primary ? 0 : -1),
    goodReplicas: primary ? n - 1 : 0,
    cutOffSince: -1,
    minoritySince: -1,
    minorityKey: -1,
    minorityNow: false,
    aofWritten: 0,
    aofFsynced: 0,
    fsyncBusy: false,
    fsyncStartT: 0,
    fsyncStallUntil: 0,
    fsyncWaiters: [],
    connInc: 0,
    rdb: null,
    rdbChanges: 0,
    diskLost: false,
    pageCacheLost: false,
    waitOps: [],
  };
}

/** The world's nodes, as this design made them. */
export function nodesOf(sim: Simulation): CacheNode[] {
  return sim.w.nodes as CacheNode[];
}

export function nodeAt(sim: Simulation, idx: number): CacheNode {
  return sim.w.nodes[idx] as CacheNode;
}

/** Send node `idx`'s machine one of its events. */
export function sendNode(sim: Simulation, idx: number, event: CacheNodeEvent): void {
  sim.send(idx, event);
}

/** The Redis process runs (it may be loading or receiving a full sync). */
export function processRunning(n: CacheNode): boolean {
  const s = n.slot.value;
  return s === 'serving' || s === 'syncing' || s === 'loading';
}

export function hostUp(n: CacheNode): boolean {
  const s = n.slot.value;
  return s !== 'off' && s !== 'replacing' && s !== 'rebooting';
}

/** Memory is gone (the process is dead or its host is off). */
export function memoryGone(n: CacheNode): boolean {
  const s = n.slot.value;
  return s === 'down' || s === 'off' || s === 'rebooting' || s === 'replacing';
}

