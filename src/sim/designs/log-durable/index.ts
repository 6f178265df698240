// The log-durable design (Amazon MemoryDB; ElastiCache for Valkey with durability sync), model.md §2.2:
// the primary executes a write in memory, holds the reply, appends the effects to a transaction log with
// one copy per AZ, and replies once the quorum of copies has it. Replicas apply committed entries only.
// Leadership is a lease renewed through the same log, and an append names the term it belongs to.
import { initialSlot, untyped } from '../../machines/driver';
import type { Ev, NodeBase } from '../../world';
import type { Simulation } from '../../engine';
import { defineDesign } from '../design';
import { heldCount } from './buffer';
import { DURABLE_KIND, LogCommit, NodeTimer, ReplicaCheck } from './events';
import { onCommit, onLeaseTick, onMonitorTick, onNodeAction, onRestoreDone, onSnapshotTick, onTopologyChange, promoteByHand, start } from './leadership';
import { advanceCommitted } from './log';
import { durableFateCounts, durableFatesView, lostDurable } from './lost';
import { durableNodeMachine } from './machine';
import { leads, newDurableNode, type DurableNode } from './node';
import { onReplicaCheck } from './replicas';
import { onDrain, onRequest } from './requests';
import { durableLogView, durablePosition } from './view';

function onEvent(sim: Simulation, e: Ev): void {
  switch (e.kind) {
    case DURABLE_KIND.LOG_COMMIT:
      return onCommit(sim, LogCommit.index(e));
    case DURABLE_KIND.LEASE_TICK:
      return onLeaseTick(sim, e);
    case DURABLE_KIND.REPLICA_CHECK:
      return onReplicaCheck(sim, ReplicaCheck.node(e));
    case DURABLE_KIND.MONITOR_TICK:
      return onMonitorTick(sim);
    case DURABLE_KIND.RESTORE_DONE:
      return onRestoreDone(sim, e);
    case DURABLE_KIND.SNAPSHOT_TICK:
      return onSnapshotTick(sim);
    case DURABLE_KIND.LOG_DRAIN:
      return onDrain(sim, NodeTimer.node(e), NodeTimer.inc(e));
  }
}

export const logDurable = defineDesign({
  family: 'durable',
  nodeMachine: untyped(durableNodeMachine),
  newNode: newDurableNode,
  initialSlot: (spec, primary) => initialSlot(durableNodeMachine, { rebootMs: spec.params.server.rebootMs }, primary ? 'primary' : 'caughtUp'),
  controlMachine: null,
  initialControl: () => null,
  logCapacity: (_spec, writeRows) => writeRows,
  writesInStreams: false,
  writesInLog: false,
  start,
  onRequest,
  onEvent,
  onNodeAction,
  onControlAction: () => {},
  onTopologyChange,
  // A replica reads the log again once its link works: nothing queued up for it.
  onLinkUnstalled: () => {},
  // The log's copies live in their AZs' storage, not on the node's disk.
  stallFsync: () => {},
  promote: promoteByHand,
  isPrimary: leads,
  writeTimeoutExtraMs: () => 0,
  followUp: () => false,
  beforeCheckpoint: advanceCommitted,
  heldOps: (n: NodeBase) => heldCount(n as DurableNode) + (n as DurableNode).waitCount,
  keyCells: (n: NodeBase) => n.data.vals.length + (n as DurableNode).dirty.length,
  lostWrites: lostDurable,
  fateCounts: durableFateCounts,
  fatesView: durableFatesView,
  forgetFates: () => {},
  nodePosition: durablePosition,
  logView: durableLogView,
  isReplication: () => false,
  replicationMessage: () => null,
});

