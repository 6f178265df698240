// What a design is, to the engine: everything that differs between cache-style Redis and a log-durable
// store sits behind this one interface, and each design is one folder beside this file. The engine owns
// the clock, the queue, the clients, the faults and the recording; a design owns its nodes' records and
// lifecycle machine, what happens to a request on a node, its own kinds of event, its failover, which
// acknowledged writes it has lost, and how its state is drawn.
import type { AnyStateMachine } from 'xstate';
import type { MachineSlot } from '../machines/driver';
import type { Family, PresetParams, RunSpec } from '../types';
import type { Ev, NodeBase, Op, World } from '../world';
import type { Simulation } from '../engine';
import type { LostWrites } from '../lost-writes';
import type { FatesView } from '../fates';
import type { LogView, MessageView } from '../view';

/** The fault events every design's node machine accepts (faults.ts sends them). */
export type NodeFaultEvent =
  | { type: 'CRASH' }
  | { type: 'RESTART' }
  | { type: 'REBOOT' }
  | { type: 'HOST_LOST' }
  | { type: 'POWER_OFF' }
  | { type: 'POWER_ON' };

export interface Design {
  readonly family: Family;

  // ----- The world at t = 0 -----
  /** The node lifecycle machine. */
  readonly nodeMachine: AnyStateMachine;
  /** A node's record at t = 0, from the fields every design shares; `primary`: the first node. */
  newNode(spec: RunSpec, base: NodeBase, primary: boolean, nodeCount: number): NodeBase;
  /** The machine slot of node `idx` at t = 0. */
  initialSlot(spec: RunSpec, primary: boolean): MachineSlot;
  /** The failover control plane's machine and its slot at t = 0, if the design has one. */
  readonly controlMachine: AnyStateMachine | null;
  initialControl(spec: RunSpec): MachineSlot | null;
  /** Rows to reserve in the transaction log (0: the design keeps none). */
  logCapacity(spec: RunSpec, writeRows: number): number;
  /** The write table records where each write sits in the replication streams. */
  readonly writesInStreams: boolean;
  /** The write table records which log row holds each write (WriteLog.logRow). */
  readonly writesInLog: boolean;

  // ----- Running -----
  /** Schedule the design's own first events. */
  start(sim: Simulation): void;
  /** A client's request arrived at node `idx`. */
  onRequest(sim: Simulation, op: Op, idx: number): void;
  /** One of the design's own kinds of event. */
  onEvent(sim: Simulation, e: Ev): void;
  /** An action of node `idx`'s lifecycle machine (entry hooks); `prev` is the state it left. */
  onNodeAction(sim: Simulation, idx: number, type: string, params: Record<string, unknown>, prev: string): void;
  /** An action of the failover control plane's machine. */
  onControlAction(sim: Simulation, type: string, params: Record<string, unknown>): void;
  /** An AZ went down or came back, was cut off or healed. */
  onTopologyChange(sim: Simulation): void;
  /** A stalled replication link into this node works again. */
  onLinkUnstalled(n: NodeBase): void;
  /** This node's fsyncs take until `untilUs` (a disk stall); a design without node-local disks ignores it. */
  stallFsync(n: NodeBase, untilUs: number): void;
  /** A `promote` fault names node `idx`: make it the primary as this design can (a trace note says what happened). */
  promote(sim: Simulation, idx: number): void;
  /** Does this node act as a primary now (by its own account: a deposed one may not know yet)? */
  isPrimary(n: NodeBase): boolean;

  // ----- Client hooks -----
  /** How much longer than its timeout a client waits for a write, ms (WAIT's own timeout). */
  writeTimeoutExtraMs(p: PresetParams): number;
  /**
   * A write's OK reply reached its client: the design may send a follow-up command on the same request
   * instead of settling it (WAIT). True if it did.
   */
  followUp(sim: Simulation, op: Op, idx: number): boolean;

  // ----- Checkpoints -----
  /** Bring lazily kept state up to date before a copy (the log's commit point). */
  beforeCheckpoint(w: World): void;
  /** Operations a node holds on to (waiting for an fsync, a WAIT, a commit), for the size of a copy. */
  heldOps(n: NodeBase): number;
  /** Per-key cells a node holds (its dataset, and any per-key marks), for the size of a copy. */
  keyCells(n: NodeBase): number;

  // ----- What became of the acknowledged writes -----
  lostWrites(sim: Simulation): LostWrites;
  fateCounts(sim: Simulation): { lost: number; atRisk: number };
  fatesView(sim: Simulation): FatesView;
  /** Forget what was counted incrementally: the future of this simulation changed. */
  forgetFates(sim: Simulation): void;

  // ----- The picture -----
  /** A node's position (replication offset or log entries applied) and its lag behind the primary, µs. */
  nodePosition(sim: Simulation, n: NodeBase): { offset: number; lagUs: number };
  /** The transaction log at this instant, if the design has one. */
  logView(sim: Simulation): LogView | null;
  /** A design event that is a replication message in flight. */
  isReplication(e: Ev): boolean;
  /** The message to draw for it (null: none to draw, though it is counted). */
  replicationMessage(sim: Simulation, e: Ev): MessageView | null;
}

/**
 * Every design object is made by this one literal, so all of them share one hidden class: the engine's
 * calls through `design` then stay monomorphic in their property loads, whichever designs a process runs.
 */
export function defineDesign(d: Design): Design {
  return {
    family: d.family,
    nodeMachine: d.nodeMachine,
    newNode: d.newNode,
    initialSlot: d.initialSlot,
    controlMachine: d.controlMachine,
    initialControl: d.initialControl,
    logCapacity: d.logCapacity,
    writesInStreams: d.writesInStreams,
    writesInLog: d.writesInLog,
    start: d.start,
    onRequest: d.onRequest,
    onEvent: d.onEvent,
    onNodeAction: d.onNodeAction,
    onControlAction: d.onControlAction,
    onTopologyChange: d.onTopologyChange,
    onLinkUnstalled: d.onLinkUnstalled,
    stallFsync: d.stallFsync,
    promote: d.promote,
    isPrimary: d.isPrimary,
    writeTimeoutExtraMs: d.writeTimeoutExtraMs,
    followUp: d.followUp,
    beforeCheckpoint: d.beforeCheckpoint,
    heldOps: d.heldOps,
    keyCells: d.keyCells,
    lostWrites: d.lostWrites,
    fateCounts: d.fateCounts,
    fatesView: d.fatesView,
    forgetFates: d.forgetFates,
    nodePosition: d.nodePosition,
    logView: d.logView,
    isReplication: d.isReplication,
    replicationMessage: d.replicationMessage,
  };
}
