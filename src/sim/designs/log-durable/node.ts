// A log-durable node's record: beyond what every design's node has (world.ts NodeBase), how far it has
// applied the log, its lease, the writes it holds until the log takes them, and which keys have a write
// not yet committed. Whether it leads is its machine's state, nothing else.
import { emptyDirty } from '../../dataset';
import type { MachineSlot } from '../../machines/driver';
import type { RunSpec } from '../../types';
import type { NodeBase, Op } from '../../world';
import type { Simulation } from '../../engine';
import type { DurableNodeEvent, DurableNodeState } from './machine';
import type { Waiting } from './waiters';

export interface DurableNode extends NodeBase {
  slot: MachineSlot<DurableNodeState>;
  logApplied: number;
  leaseUntil: number;
  lastRenewSeen: number;
  /** Primaries: per key index, see DIRTY_NONE and DIRTY_HELD in dataset.ts. */
  dirty: Int32Array;
  /**
   * The durability buffer (buffer.ts): writes executed but not yet accepted by the log, oldest first,
   * from index heldHead on, with the times they were executed.
   */
  held: Op[];
  heldT: number[];
  heldHead: number;
  /** Buffers dropped by this node, DROP_FIELDS numbers each (buffer.ts). */
  drops: number[];
  /** When a drain of the buffer through the log's busy intake is due (LOG_DRAIN), or −1. */
  drainAt: number;
  /** Replicas: when this node became able to follow the log (restore end), for campaign backoff. */
  followSince: number;
  /**
   * Restoring: the committed log index its restore brings it to (the newest snapshot, then a replay of
   * the entries committed after it up to the restore's start); it follows the log from there.
   */
  restoreTo: number;
  /**
   * After a restore, until it has caught up: it applies the entries committed meanwhile at
   * durable.replayEntriesPerSec from restoreTo on, counted from catchUpT (µs); −1 when not catching up.
   */
  catchUpT: number;
  /** Reads of a key whose write is held, waiting for the log to take it, per key (waiters.ts). */
  readWaiters: Map<number, Waiting[]>;
  /** Readers whose write the log has taken, to be answered. */
  released: Waiting[];
  waitCount: number;
  waitSeq: number;
  /**
   * A leader handing over to this node index (a manual failover), or −1: it takes no writes and stops
   * renewing its lease until that replica has applied the whole log and claims leadership.
   */
  handoverTo: number;
}

export function newDurableNode(spec: RunSpec, base: NodeBase, primary: boolean): DurableNode {
  // Every field spelt out in one literal, not `...base`: a spread copy's hidden class depended on the
  // runs before it, so each new run's nodes had a new shape and the engine's optimised code deoptimised on
  // them, run after run (a cluster builds one run per shard).
  return {
    id: base.id,
    idx: base.idx,
    az: base.az,
    slot: base.slot as MachineSlot<DurableNodeState>,
    inc: base.inc,
    deathT: base.deathT,
    deathWasHost: base.deathWasHost,
    term: base.term,
    data: base.data,
    busyUntil: base.busyUntil,
    linkDelayUs: base.linkDelayUs,
    linkStalled: base.linkStalled,
    writesRefused: base.writesRefused,
    logApplied: 0,
    leaseUntil: primary ? Math.round(spec.params.durable.leaseMs * 1000) : 0,
    lastRenewSeen: 0,
    dirty: emptyDirty(spec.workload.keys),
    held: [],
    heldT: [],
    heldHead: 0,
    drainAt: -1,
    drops: [],
    followSince: 0,
    restoreTo: 0,
    catchUpT: -1,
    readWaiters: new Map(),
    released: [],
    waitCount: 0,
    waitSeq: 0,
    handoverTo: -1,
  };
}

export function nodesOf(sim: Simulation): DurableNode[] {
  return sim.w.nodes as DurableNode[];
}

export function nodeAt(sim: Simulation, idx: number): DurableNode {
  return sim.w.nodes[idx] as DurableNode;
}

export function sendNode(sim: Simulation, idx: number, event: DurableNodeEvent): void {
  sim.send(idx, event);
}

/** It leads: serving as primary, or a primary whose lease ran out and that may yet renew it. */
export function leads(n: NodeBase): boolean {
  const s = (n as DurableNode).slot.value;
  return s === 'primary' || s === 'leaseExpired';
}

export function isDown(n: DurableNode): boolean {
  const s = n.slot.value;
  return s === 'down' || s === 'off' || s === 'rebooting';
}

/** States in which a node follows the log as a replica. */
export function following(n: DurableNode): boolean {
  const s = n.slot.value;
  return s === 'lagging' || s === 'caughtUp' || s === 'campaigning';
}
