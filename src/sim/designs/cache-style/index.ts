// The cache-style design (ElastiCache without durability, open-source Redis), model.md §2.1: the primary
// applies a write and replies, then streams it to replicas; persistence is node-local (AOF, RDB) plus
// backups; a control plane detects a failed primary and promotes the least-lagged reachable replica.
// Per-write work is plain code; lifecycles are the XState machines beside this file.
import { initialSlot, untyped } from '../../machines/driver';
import type { Ev, NodeBase } from '../../world';
import type { Simulation } from '../../engine';
import { defineDesign } from '../design';
import { CACHE_KIND, ControlTick, NodeTick, WaitTimeout } from './events';
import { onControlAction, onHealthTick, onTopologyChange, promoteByHand } from './failover';
import { failoverMachine } from './failover-machine';
import { cacheFateCounts, cacheFatesView, forgetCacheFates } from './fates';
import { onLoadDone, onNodeAction } from './lifecycle';
import { lostCache } from './lost';
import { cacheNodeMachine } from './machine';
import { newCacheNode, type CacheNode } from './node';
import { onBackupTick, onFsyncDone, onFsyncTick, onRdbTick } from './persistence';
import { onAck, onDeliver, onFullSyncDone, onGetAck, onPsyncBatch, onReplicaTick, replicationCronPhaseUs } from './replication';
import { onRequest } from './requests';
import { cachePosition, isReplication, replicationMessage } from './view';
import { followWithWait, onWaitTimeout, waitBudgetMs } from './wait';

const ms = (x: number) => Math.round(x * 1000);

function start(sim: Simulation): void {
  const { w, p } = sim;
  sim.trace({ type: 'term', t: 0, node: w.nodes[0].id, term: 1, fromTerm: null, forkOffset: 0, cause: 'initial' });
  for (const n of w.nodes) {
    // Every node runs the replication cron, since any node can become a replica; all at the same instant
    // of each period, the primary's first, as for Redis processes started together (replication.ts).
    NodeTick.after(sim, CACHE_KIND.REPLICA_TICK, replicationCronPhaseUs(p), n.idx);
    if (p.cache.aof.enabled && p.cache.aof.fsync !== 'always') {
      const period = p.cache.aof.fsync === 'everysec' ? 1000 : p.cache.aof.osFlushMs;
      NodeTick.after(sim, CACHE_KIND.FSYNC_TICK, ms(period), n.idx);
    }
    if (p.cache.rdb.everyS > 0) NodeTick.after(sim, CACHE_KIND.RDB_TICK, p.cache.rdb.everyS * 1e6, n.idx);
  }
  if (p.cache.failover.mode !== 'none') ControlTick.after(sim, CACHE_KIND.HEALTH_TICK, 1e6);
  if (p.cache.backup.enabled) ControlTick.at(sim, CACHE_KIND.BACKUP_TICK, Math.round(p.cache.backup.firstAtS * 1e6));
}

function onEvent(sim: Simulation, e: Ev): void {
  switch (e.kind) {
    case CACHE_KIND.REPL_DELIVER:
      return onDeliver(sim, e);
    case CACHE_KIND.REPL_ACK:
      return onAck(sim, e);
    case CACHE_KIND.GETACK:
      return onGetAck(sim, e);
    case CACHE_KIND.REPLICA_TICK:
      return onReplicaTick(sim, NodeTick.node(e));
    case CACHE_KIND.PSYNC_BATCH:
      return onPsyncBatch(sim, e);
    case CACHE_KIND.FULLSYNC_DONE:
      return onFullSyncDone(sim, e);
    case CACHE_KIND.FSYNC_DONE:
      return onFsyncDone(sim, e);
    case CACHE_KIND.FSYNC_TICK:
      return onFsyncTick(sim, NodeTick.node(e));
    case CACHE_KIND.LOAD_DONE:
      return onLoadDone(sim, e);
    case CACHE_KIND.HEALTH_TICK:
      return onHealthTick(sim);
    case CACHE_KIND.BACKUP_TICK:
      return onBackupTick(sim);
    case CACHE_KIND.RDB_TICK:
      return onRdbTick(sim, NodeTick.node(e));
    case CACHE_KIND.WAIT_TIMEOUT:
      return onWaitTimeout(sim, WaitTimeout.primary(e), WaitTimeout.inc(e), WaitTimeout.op(e));
  }
}

export const cacheStyle = defineDesign({
  family: 'cache',
  nodeMachine: untyped(cacheNodeMachine),
  newNode: newCacheNode,
  initialSlot: (spec) =>
    initialSlot(cacheNodeMachine, {
      autoRestartMs: spec.params.server.autoRestartMs,
      rebootMs: spec.params.server.rebootMs,
      replaceHostMs: spec.params.server.replaceHostMs,
    }),
  controlMachine: untyped(failoverMachine),
  initialControl: (spec) => {
    const f = spec.params.cache.failover;
    return initialSlot(failoverMachine, { detectionMs: f.detectionMs, promotionMs: f.promotionMs }, f.mode === 'none' ? 'disabled' : 'watching');
  },
  logCapacity: () => 0,
  writesInStreams: true,
  writesInLog: false,
  start,
  onRequest,
  onEvent,
  onNodeAction,
  onControlAction,
  onTopologyChange,
  onLinkUnstalled: (node: NodeBase) => {
    // What queued up behind the stall is fetched by a resync.
    const n = node as CacheNode;
    if (n.link === 'online') n.link = 'down';
  },
  stallFsync: (n: NodeBase, untilUs: number) => {
    (n as CacheNode).fsyncStallUntil = untilUs;
  },
  promote: promoteByHand,
  isPrimary: (n: NodeBase) => (n as CacheNode).role === 'primary',
  writeTimeoutExtraMs: waitBudgetMs,
  followUp: followWithWait,
  beforeCheckpoint: () => {},
  heldOps: (n: NodeBase) => (n as CacheNode).waitOps.length + (n as CacheNode).fsyncWaiters.length,
  keyCells: (n: NodeBase) => n.data.vals.length,
  lostWrites: lostCache,
  fateCounts: cacheFateCounts,
  fatesView: cacheFatesView,
  forgetFates: forgetCacheFates,
  nodePosition: cachePosition,
  logView: () => null,
  isReplication,
  replicationMessage,
});
