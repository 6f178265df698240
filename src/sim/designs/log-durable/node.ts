// A log-durable node's record: beyond what every design's node has (world.ts NodeBase), how far it has
// applied the log, its lease, the writes it holds until the log takes them, and which keys have a write
// not yet committed. Whether it leads is its machine's state, nothing else.
import { emptyDirty } from '../../dataset';
import type { MachineSlot } from '../../machines/driver';
import type { RunSpec } from '../../types';
import type { NodeBase, Op } from '../../world';
import type { Simulation } from '../../engine';
import type { DurableNodeEvent, DurableNodeState } from './machine';

export interface DurableNode extends NodeBase {
  slot: MachineSlot<DurableNodeState>;
  logApplied: number;
  leaseUntil: number;
  lastRenewSeen: number;
  /** Primaries: per key index, see DIRTY_NONE and DIRTY_HELD in dataset.ts. */
  dirty: Int32Array;
  /** Writes executed but not yet accepted by the log (no quorum of copies reachable), in order. */
  held: Op[];
  /** Replicas: when this node became able to follow the log (restore end), for campaign backoff. */
  followSince: number;
  /** Reads of a key whose write is held, waiting for the log to take it. */
  readWaiters: Op[];
}

export function newDurableNode(spec: RunSpec, base: NodeBase, primary: boolean): DurableNode {
  return {
    ...base,
    slot: base.slot as MachineSlot<DurableNodeState>,
    logApplied: 0,
    leaseUntil: primary ? Math.round(spec.params.durable.leaseMs * 1000) : 0,
    lastRenewSeen: 0,
    dirty: emptyDirty(spec.workload.keys),
    held: [],
    followSince: 0,
    readWaiters: [],
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
